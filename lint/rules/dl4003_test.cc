#include <gtest/gtest.h>

#include "lint/rules/rule_testing.h"
#include "lint/rules/rules.h"

namespace mybuild::lint::rules {
namespace {

using Lines = std::vector<int>;
using testing::Hits;

TEST(DL4003Test, Fires) {
  EXPECT_EQ(Hits(Dl4003(),
                 "FROM a:1\n"
                 "CMD a\n"
                 "CMD b\n"),
            (Lines{3}));
}

TEST(DL4003Test, Clean) {
  EXPECT_EQ(Hits(Dl4003(),
                 "FROM a:1\n"
                 "CMD a\n"
                 "FROM b:1\n"
                 "CMD b\n"),
            (Lines{}));
}

}  // namespace
}  // namespace mybuild::lint::rules
