#include <gtest/gtest.h>

#include "lint/rules/rule_testing.h"
#include "lint/rules/rules.h"

namespace mybuild::lint::rules {
namespace {

using Lines = std::vector<int>;
using testing::Hits;
using testing::kEveryLabelType;

TEST(DL3053Test, Fires) {
  EXPECT_EQ(Hits(Dl3053(),
                 "FROM a:1\n"
                 "LABEL built=\"yesterday\"\n",
                 kEveryLabelType),
            (Lines{2}));
}

TEST(DL3053Test, Clean) {
  EXPECT_EQ(Hits(Dl3053(),
                 "FROM a:1\n"
                 "LABEL built=\"2023-01-02T03:04:05Z\"\n"
                 "LABEL other=x\n",
                 kEveryLabelType),
            (Lines{}));
  EXPECT_EQ(Hits(Dl3053(),
                 "FROM a:1\n"
                 "LABEL built=\"yesterday\"\n"),
            (Lines{}));
}

}  // namespace
}  // namespace mybuild::lint::rules
