#include <gtest/gtest.h>

#include "lint/rules/rule_testing.h"
#include "lint/rules/rules.h"

namespace mybuild::lint::rules {
namespace {

using Lines = std::vector<int>;
using testing::Hits;

TEST(DL3018Test, Fires) {
  EXPECT_EQ(Hits(Dl3018(),
                 "FROM a:1\n"
                 "RUN apk add --no-cache curl\n"),
            (Lines{2}));
}

TEST(DL3018Test, Clean) {
  EXPECT_EQ(Hits(Dl3018(),
                 "FROM a:1\n"
                 "RUN apk add --no-cache curl=8.0-r0 --virtual .deps gcc~=12 "
                 "&& apk add x=1\n"),
            (Lines{}));
  EXPECT_EQ(Hits(Dl3018(),
                 "FROM a:1\n"
                 "RUN apk update\n"),
            (Lines{}));
}

}  // namespace
}  // namespace mybuild::lint::rules
