#include <gtest/gtest.h>

#include "lint/rules/rule_testing.h"
#include "lint/rules/rules.h"

namespace mybuild::lint::rules {
namespace {

using Lines = std::vector<int>;
using testing::Hits;

TEST(DL4004Test, Fires) {
  EXPECT_EQ(Hits(Dl4004(),
                 "FROM a:1\n"
                 "ENTRYPOINT a\n"
                 "ENTRYPOINT b\n"),
            (Lines{3}));
}

TEST(DL4004Test, Clean) {
  EXPECT_EQ(Hits(Dl4004(),
                 "FROM a:1\n"
                 "ENTRYPOINT a\n"
                 "FROM b:1\n"
                 "ENTRYPOINT b\n"),
            (Lines{}));
}

}  // namespace
}  // namespace mybuild::lint::rules
