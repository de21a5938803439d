#include <gtest/gtest.h>

#include "lint/rules/rule_testing.h"
#include "lint/rules/rules.h"

namespace mybuild::lint::rules {
namespace {

using Lines = std::vector<int>;
using testing::Hits;

TEST(DL3004Test, Fires) {
  EXPECT_EQ(Hits(Dl3004(),
                 "FROM a:1\n"
                 "RUN sudo apt-get update\n"),
            (Lines{2}));
}

TEST(DL3004Test, Clean) {
  EXPECT_EQ(Hits(Dl3004(),
                 "FROM a:1\n"
                 "RUN apt-get install -y sudo\n"),
            (Lines{}));
}

}  // namespace
}  // namespace mybuild::lint::rules
