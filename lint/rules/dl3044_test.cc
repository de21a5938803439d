#include <gtest/gtest.h>

#include "lint/rules/rule_testing.h"
#include "lint/rules/rules.h"

namespace mybuild::lint::rules {
namespace {

using Lines = std::vector<int>;
using testing::Hits;

TEST(DL3044Test, Fires) {
  EXPECT_EQ(Hits(Dl3044(),
                 "FROM a:1\n"
                 "ENV A=1 B=$A\n"
                 "ENV C=x D=\"${C}/y\"\n"),
            (Lines{2, 3}));
}

TEST(DL3044Test, Clean) {
  EXPECT_EQ(Hits(Dl3044(),
                 "FROM a:1\n"
                 "ENV A=1\n"
                 "ENV B=$A\n"
                 "ENV A=2 C=$A\n"
                 "ENV PATH=/x:$PATH\n"),
            (Lines{}));
}

}  // namespace
}  // namespace mybuild::lint::rules
