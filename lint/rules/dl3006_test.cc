#include <gtest/gtest.h>

#include "lint/rules/rule_testing.h"
#include "lint/rules/rules.h"

namespace mybuild::lint::rules {
namespace {

using Lines = std::vector<int>;
using testing::Hits;

TEST(DL3006Test, Fires) {
  EXPECT_EQ(Hits(Dl3006(), "FROM debian\n"), (Lines{1}));
  EXPECT_EQ(Hits(Dl3006(),
                 "FROM a:1 AS build\n"
                 "FROM localhost:5000/app AS x\n"),
            (Lines{2}));
}

TEST(DL3006Test, Clean) {
  EXPECT_EQ(Hits(Dl3006(),
                 "FROM debian:12\n"
                 "FROM scratch\n"
                 "FROM x@sha256:abc\n"),
            (Lines{}));
  EXPECT_EQ(Hits(Dl3006(),
                 "ARG B=a:1\n"
                 "FROM $B AS build\n"
                 "FROM build\n"),
            (Lines{}));
}

}  // namespace
}  // namespace mybuild::lint::rules
