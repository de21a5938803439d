#include <gtest/gtest.h>

#include "lint/rules/rule_testing.h"
#include "lint/rules/rules.h"

namespace mybuild::lint::rules {
namespace {

using Lines = std::vector<int>;
using testing::Hits;

TEST(FromPlatformFlagConstDisallowedTest, Fires) {
  EXPECT_EQ(Hits(FromPlatformFlagConstDisallowed(),
                 "FROM --platform=linux/amd64 a:1\n"),
            (Lines{1}));
}

TEST(FromPlatformFlagConstDisallowedTest, Clean) {
  EXPECT_EQ(Hits(FromPlatformFlagConstDisallowed(),
                 "FROM --platform=$BUILDPLATFORM a:1\n"
                 "FROM b:1\n"),
            (Lines{}));
}

}  // namespace
}  // namespace mybuild::lint::rules
