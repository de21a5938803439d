#include <gtest/gtest.h>

#include "lint/rules/rule_testing.h"
#include "lint/rules/rules.h"

namespace mybuild::lint::rules {
namespace {

using Lines = std::vector<int>;
using testing::Hits;

TEST(DL3027Test, Fires) {
  EXPECT_EQ(Hits(Dl3027(),
                 "FROM a:1\n"
                 "RUN apt update && apt install figlet\n"),
            (Lines{2}));
}

TEST(DL3027Test, Clean) {
  EXPECT_EQ(Hits(Dl3027(),
                 "FROM a:1\n"
                 "RUN apt-get update && apt-cache show x && echo apt\n"),
            (Lines{}));
}

}  // namespace
}  // namespace mybuild::lint::rules
