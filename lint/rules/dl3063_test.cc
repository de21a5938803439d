#include <gtest/gtest.h>

#include "lint/rules/rule_testing.h"
#include "lint/rules/rules.h"

namespace mybuild::lint::rules {
namespace {

using Lines = std::vector<int>;
using testing::Hits;

TEST(DL3063Test, Fires) {
  EXPECT_EQ(Hits(Dl3063(),
                 "FROM a:1\n"
                 "RUN x\n"),
            (Lines{2}));
}

TEST(DL3063Test, Clean) {
  EXPECT_EQ(Hits(Dl3063(),
                 "FROM a:1\n"
                 "USER app\n"),
            (Lines{}));
}

}  // namespace
}  // namespace mybuild::lint::rules
