#include <gtest/gtest.h>

#include "lint/rules/rule_testing.h"
#include "lint/rules/rules.h"

namespace mybuild::lint::rules {
namespace {

using Lines = std::vector<int>;
using testing::Hits;

TEST(DL3019Test, Fires) {
  EXPECT_EQ(Hits(Dl3019(),
                 "FROM a:1\n"
                 "RUN apk add curl=1\n"),
            (Lines{2}));
}

TEST(DL3019Test, Clean) {
  EXPECT_EQ(Hits(Dl3019(),
                 "FROM a:1\n"
                 "RUN apk add --no-cache curl=1\n"),
            (Lines{}));
  EXPECT_EQ(
      Hits(Dl3019(),
           "FROM a:1\n"
           "RUN --mount=type=cache,target=/var/cache/apk apk add curl=1\n"),
      (Lines{}));
}

}  // namespace
}  // namespace mybuild::lint::rules
