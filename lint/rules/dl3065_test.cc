#include <gtest/gtest.h>

#include "lint/rules/rule_testing.h"
#include "lint/rules/rules.h"

namespace mybuild::lint::rules {
namespace {

using Lines = std::vector<int>;
using testing::Hits;

TEST(DL3065Test, Fires) {
  EXPECT_EQ(Hits(Dl3065(), "FROM --platform=$TARGETPLATFORM a:1\n"),
            (Lines{1}));
}

TEST(DL3065Test, Clean) {
  EXPECT_EQ(Hits(Dl3065(),
                 "FROM --platform=$BUILDPLATFORM a:1\n"
                 "FROM b:1\n"),
            (Lines{}));
}

}  // namespace
}  // namespace mybuild::lint::rules
