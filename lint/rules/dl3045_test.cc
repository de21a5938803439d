#include <gtest/gtest.h>

#include "lint/rules/rule_testing.h"
#include "lint/rules/rules.h"

namespace mybuild::lint::rules {
namespace {

using Lines = std::vector<int>;
using testing::Hits;

TEST(DL3045Test, Fires) {
  EXPECT_EQ(Hits(Dl3045(),
                 "FROM a:1\n"
                 "COPY app.py app/\n"
                 "COPY x .\n"),
            (Lines{2, 3}));
}

TEST(DL3045Test, Clean) {
  EXPECT_EQ(Hits(Dl3045(),
                 "FROM a:1\n"
                 "COPY a /app/\n"
                 "WORKDIR /app\n"
                 "COPY b .\n"),
            (Lines{}));
  EXPECT_EQ(Hits(Dl3045(),
                 "FROM a:1 AS base\n"
                 "WORKDIR /app\n"
                 "FROM base\n"
                 "COPY b .\n"),
            (Lines{}));
}

}  // namespace
}  // namespace mybuild::lint::rules
