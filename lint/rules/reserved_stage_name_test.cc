#include <gtest/gtest.h>

#include "lint/rules/rule_testing.h"
#include "lint/rules/rules.h"

namespace mybuild::lint::rules {
namespace {

using Lines = std::vector<int>;
using testing::Hits;

TEST(ReservedStageNameTest, Fires) {
  EXPECT_EQ(Hits(ReservedStageName(), "FROM a:1 AS context\n"), (Lines{1}));
}

TEST(ReservedStageNameTest, Clean) {
  EXPECT_EQ(Hits(ReservedStageName(), "FROM a:1 AS ctx\n"), (Lines{}));
}

}  // namespace
}  // namespace mybuild::lint::rules
