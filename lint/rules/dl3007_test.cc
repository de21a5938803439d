#include <gtest/gtest.h>

#include "lint/rules/rule_testing.h"
#include "lint/rules/rules.h"

namespace mybuild::lint::rules {
namespace {

using Lines = std::vector<int>;
using testing::Hits;

TEST(DL3007Test, Fires) {
  EXPECT_EQ(Hits(Dl3007(), "FROM debian:latest\n"), (Lines{1}));
}

TEST(DL3007Test, Clean) {
  EXPECT_EQ(Hits(Dl3007(),
                 "FROM debian:12\n"
                 "FROM debian:latest@sha256:abc\n"),
            (Lines{}));
}

}  // namespace
}  // namespace mybuild::lint::rules
