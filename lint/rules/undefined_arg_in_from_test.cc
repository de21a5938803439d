#include <gtest/gtest.h>

#include "lint/rules/rule_testing.h"
#include "lint/rules/rules.h"

namespace mybuild::lint::rules {
namespace {

using Lines = std::vector<int>;
using testing::Hits;

TEST(UndefinedArgInFromTest, Fires) {
  EXPECT_EQ(Hits(UndefinedArgInFrom(),
                 "ARG VERSION=1\n"
                 "FROM a:${VERSON}\n"),
            (Lines{2}));
}

TEST(UndefinedArgInFromTest, Clean) {
  EXPECT_EQ(Hits(UndefinedArgInFrom(),
                 "ARG VERSION=1\n"
                 "FROM a:${VERSION}\n"
                 "FROM --platform=$BUILDPLATFORM b:1\n"),
            (Lines{}));
}

}  // namespace
}  // namespace mybuild::lint::rules
