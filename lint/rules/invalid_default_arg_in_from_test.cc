#include <gtest/gtest.h>

#include "lint/rules/rule_testing.h"
#include "lint/rules/rules.h"

namespace mybuild::lint::rules {
namespace {

using Lines = std::vector<int>;
using testing::Hits;

TEST(InvalidDefaultArgInFromTest, Fires) {
  EXPECT_EQ(Hits(InvalidDefaultArgInFrom(),
                 "ARG TAG\n"
                 "FROM busybox:${TAG}\n"),
            (Lines{2}));
  EXPECT_EQ(Hits(InvalidDefaultArgInFrom(),
                 "ARG IMG\n"
                 "FROM $IMG\n"),
            (Lines{2}));
}

TEST(InvalidDefaultArgInFromTest, Clean) {
  EXPECT_EQ(Hits(InvalidDefaultArgInFrom(),
                 "ARG TAG=1\n"
                 "FROM busybox:${TAG}\n"
                 "ARG B=x\n"
                 "FROM ${B:-y}\n"),
            (Lines{}));
  EXPECT_EQ(Hits(InvalidDefaultArgInFrom(),
                 "ARG TAG\n"
                 "FROM busybox:${TAG:-latest}\n"),
            (Lines{}));
}

}  // namespace
}  // namespace mybuild::lint::rules
