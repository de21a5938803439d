#include <gtest/gtest.h>

#include "lint/rules/rule_testing.h"
#include "lint/rules/rules.h"

namespace mybuild::lint::rules {
namespace {

using Lines = std::vector<int>;
using testing::Hits;

TEST(StageNameCasingTest, Fires) {
  EXPECT_EQ(Hits(StageNameCasing(), "FROM a:1 AS Builder\n"), (Lines{1}));
}

TEST(StageNameCasingTest, Clean) {
  EXPECT_EQ(Hits(StageNameCasing(),
                 "FROM a:1 AS builder\n"
                 "FROM b:1\n"),
            (Lines{}));
}

}  // namespace
}  // namespace mybuild::lint::rules
