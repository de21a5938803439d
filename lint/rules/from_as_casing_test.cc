#include <gtest/gtest.h>

#include "lint/rules/rule_testing.h"
#include "lint/rules/rules.h"

namespace mybuild::lint::rules {
namespace {

using Lines = std::vector<int>;
using testing::Hits;

TEST(FromAsCasingTest, Fires) {
  EXPECT_EQ(Hits(FromAsCasing(),
                 "FROM a:1 as build\n"
                 "from b:1 AS x\n"),
            (Lines{1, 2}));
}

TEST(FromAsCasingTest, Clean) {
  EXPECT_EQ(Hits(FromAsCasing(),
                 "FROM a:1 AS build\n"
                 "from b:1 as x\n"
                 "FROM c:1\n"),
            (Lines{}));
}

}  // namespace
}  // namespace mybuild::lint::rules
