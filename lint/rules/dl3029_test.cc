#include <gtest/gtest.h>

#include "lint/rules/rule_testing.h"
#include "lint/rules/rules.h"

namespace mybuild::lint::rules {
namespace {

using Lines = std::vector<int>;
using testing::Hits;

TEST(DL3029Test, Fires) {
  EXPECT_EQ(Hits(Dl3029(), "FROM --platform=linux/amd64 debian:12\n"),
            (Lines{1}));
}

TEST(DL3029Test, Clean) {
  EXPECT_EQ(Hits(Dl3029(),
                 "FROM --platform=$BUILDPLATFORM golang:1 AS b\n"
                 "FROM debian:12\n"),
            (Lines{}));
}

}  // namespace
}  // namespace mybuild::lint::rules
