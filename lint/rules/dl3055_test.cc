#include <gtest/gtest.h>

#include "lint/rules/rule_testing.h"
#include "lint/rules/rules.h"

namespace mybuild::lint::rules {
namespace {

using Lines = std::vector<int>;
using testing::Hits;
using testing::kEveryLabelType;

TEST(DL3055Test, Fires) {
  EXPECT_EQ(Hits(Dl3055(),
                 "FROM a:1\n"
                 "LABEL rev=\"main\"\n",
                 kEveryLabelType),
            (Lines{2}));
}

TEST(DL3055Test, Clean) {
  EXPECT_EQ(Hits(Dl3055(),
                 "FROM a:1\n"
                 "LABEL rev=\"4f1d3c2\"\n"
                 "LABEL other=x\n",
                 kEveryLabelType),
            (Lines{}));
  EXPECT_EQ(Hits(Dl3055(),
                 "FROM a:1\n"
                 "LABEL rev=\"main\"\n"),
            (Lines{}));
}

}  // namespace
}  // namespace mybuild::lint::rules
