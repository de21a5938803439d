#include <gtest/gtest.h>

#include "lint/rules/rule_testing.h"
#include "lint/rules/rules.h"

namespace mybuild::lint::rules {
namespace {

using Lines = std::vector<int>;
using testing::Hits;

TEST(DL3066Test, Fires) {
  EXPECT_EQ(Hits(Dl3066(),
                 "FROM a:1\n"
                 "USER app\n"
                 "USER 1000:app\n"),
            (Lines{2}));
}

TEST(DL3066Test, Clean) {
  EXPECT_EQ(Hits(Dl3066(),
                 "FROM a:1\n"
                 "USER 1000\n"
                 "USER 1000:1000\n"),
            (Lines{}));
}

}  // namespace
}  // namespace mybuild::lint::rules
