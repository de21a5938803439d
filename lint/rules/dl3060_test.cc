#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "lint/rules/rule_testing.h"
#include "lint/rules/rules.h"

namespace mybuild::lint::rules {
namespace {

using Lines = std::vector<int>;
using testing::Described;
using testing::Hits;

TEST(DL3060Test, Fires) {
  EXPECT_EQ(Hits(Dl3060(),
                 "FROM a:1\n"
                 "RUN yarn install\n"),
            (Lines{2}));
}

TEST(DL3060Test, Clean) {
  EXPECT_EQ(Hits(Dl3060(),
                 "FROM a:1\n"
                 "RUN yarn install && yarn cache clean\n"),
            (Lines{}));
  EXPECT_EQ(Hits(Dl3060(),
                 "FROM a:1\n"
                 "RUN --mount=type=cache,target=/usr/local/share/.cache/yarn "
                 "yarn install\n"),
            (Lines{}));
}

// hadolint's DL3060.hs markFailures: misses of the final stage and of
// stages used as a FROM base are reported; a stage only copied from is not.
TEST(DL3060Test, PerStageAsHadolint) {
  const std::string msg =
      " DL3060 `yarn cache clean` missing after `yarn install` was run.";
  EXPECT_EQ(Described(Dl3060(),
                      "FROM node:20 AS deps\n"
                      "RUN yarn install\n"
                      "FROM node:20 AS build\n"
                      "RUN yarn install\n"
                      "FROM deps\n"
                      "COPY --from=build /a /a\n"
                      "RUN yarn cache clean && yarn install\n"
                      "RUN --mount=type=cache,target=/home/u/.cache/yarn/v6 "
                      "yarn install\n"
                      "ONBUILD RUN yarn install\n"),
            (std::vector<std::string>{"2" + msg, "7" + msg, "9" + msg}));
}

}  // namespace
}  // namespace mybuild::lint::rules
