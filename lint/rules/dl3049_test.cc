#include <gtest/gtest.h>

#include "lint/rules/rule_testing.h"
#include "lint/rules/rules.h"

namespace mybuild::lint::rules {
namespace {

using Lines = std::vector<int>;
using testing::Hits;
using testing::kEveryLabelType;

TEST(DL3049Test, Fires) {
  EXPECT_EQ(Hits(Dl3049(),
                 "FROM a:1\n"
                 "LABEL version=1.0.0\n",
                 kEveryLabelType),
            (Lines{1, 1, 1, 1, 1, 1}));
}

TEST(DL3049Test, Clean) {
  EXPECT_EQ(Hits(Dl3049(),
                 "FROM a:1 AS base\n"
                 "LABEL version=1 home=h built=b lic=l rev=r mail=m\n"
                 "FROM base\n"
                 "LABEL author=me\n",
                 kEveryLabelType),
            (Lines{}));
  EXPECT_EQ(Hits(Dl3049(), "FROM a:1\n"), (Lines{}));
}

}  // namespace
}  // namespace mybuild::lint::rules
