#include <gtest/gtest.h>

#include "lint/rules/rule_testing.h"
#include "lint/rules/rules.h"

namespace mybuild::lint::rules {
namespace {

using Lines = std::vector<int>;
using testing::Hits;

TEST(DL3035Test, Fires) {
  EXPECT_EQ(Hits(Dl3035(),
                 "FROM a:1\n"
                 "RUN zypper dup -y\n"),
            (Lines{2}));
}

TEST(DL3035Test, Clean) {
  EXPECT_EQ(Hits(Dl3035(),
                 "FROM a:1\n"
                 "RUN zypper update -y\n"),
            (Lines{}));
}

}  // namespace
}  // namespace mybuild::lint::rules
