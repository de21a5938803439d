#include <gtest/gtest.h>

#include "lint/rules/rule_testing.h"
#include "lint/rules/rules.h"

namespace mybuild::lint::rules {
namespace {

using Lines = std::vector<int>;
using testing::Hits;

TEST(DL3009Test, Fires) {
  EXPECT_EQ(Hits(Dl3009(),
                 "FROM a:1\n"
                 "RUN apt-get update && apt-get install -y x\n"),
            (Lines{2}));
  EXPECT_EQ(Hits(Dl3009(),
                 "FROM a:1 AS base\n"
                 "RUN apt-get update\n"
                 "FROM base\n"
                 "RUN echo\n"),
            (Lines{2}));
}

TEST(DL3009Test, Clean) {
  EXPECT_EQ(Hits(Dl3009(),
                 "FROM a:1\n"
                 "RUN apt-get update && apt-get install -y x && rm -rf "
                 "/var/lib/apt/lists/*\n"),
            (Lines{}));
  EXPECT_EQ(
      Hits(
          Dl3009(),
          "FROM a:1\n"
          "RUN apt-get update && apt-get install -y x && apt-get dist-clean\n"),
      (Lines{}));
  EXPECT_EQ(
      Hits(Dl3009(),
           "FROM a:1\n"
           "RUN --mount=type=cache,target=/var/lib/apt/lists apt-get update\n"),
      (Lines{}));
  EXPECT_EQ(Hits(Dl3009(),
                 "FROM a:1\n"
                 "RUN --mount=type=cache,target=/var/lib/apt "
                 "--mount=type=cache,target=/var/cache/apt apt-get update\n"),
            (Lines{}));
  EXPECT_EQ(Hits(Dl3009(),
                 "FROM a:1 AS build\n"
                 "RUN apt-get update\n"
                 "FROM b:1\n"
                 "COPY --from=build /x /x\n"),
            (Lines{}));
}

}  // namespace
}  // namespace mybuild::lint::rules
