#include <gtest/gtest.h>

#include "lint/rules/rule_testing.h"
#include "lint/rules/rules.h"

namespace mybuild::lint::rules {
namespace {

using Lines = std::vector<int>;
using testing::Hits;
using testing::kEveryLabelType;

TEST(DL3051Test, Fires) {
  EXPECT_EQ(Hits(Dl3051(),
                 "FROM a:1\n"
                 "LABEL author=\"\"\n",
                 kEveryLabelType),
            (Lines{2}));
}

TEST(DL3051Test, Clean) {
  EXPECT_EQ(Hits(Dl3051(),
                 "FROM a:1\n"
                 "LABEL author=me other=\"\"\n",
                 kEveryLabelType),
            (Lines{}));
}

}  // namespace
}  // namespace mybuild::lint::rules
