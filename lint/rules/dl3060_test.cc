#include <gtest/gtest.h>

#include "lint/rules/rule_testing.h"
#include "lint/rules/rules.h"

namespace mybuild::lint::rules {
namespace {

using Lines = std::vector<int>;
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

}  // namespace
}  // namespace mybuild::lint::rules
