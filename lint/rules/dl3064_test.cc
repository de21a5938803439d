#include <gtest/gtest.h>

#include "lint/rules/rule_testing.h"
#include "lint/rules/rules.h"

namespace mybuild::lint::rules {
namespace {

using Lines = std::vector<int>;
using testing::Hits;

TEST(DL3064Test, Fires) {
  EXPECT_EQ(Hits(Dl3064(),
                 "ARG GITHUB_TOKEN\n"
                 "FROM a:1\n"
                 "ENV DB_PASSWORD=x\n"
                 "ARG my_secret_file\n"),
            (Lines{1, 3, 4}));
}

TEST(DL3064Test, Clean) {
  EXPECT_EQ(Hits(Dl3064(),
                 "FROM a:1\n"
                 "ENV APP_HOME=/app\n"
                 "ARG VERSION=1\n"),
            (Lines{}));
}

}  // namespace
}  // namespace mybuild::lint::rules
