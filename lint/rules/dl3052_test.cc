#include <gtest/gtest.h>

#include "lint/rules/rule_testing.h"
#include "lint/rules/rules.h"

namespace mybuild::lint::rules {
namespace {

using Lines = std::vector<int>;
using testing::Hits;
using testing::kEveryLabelType;

TEST(DL3052Test, Fires) {
  EXPECT_EQ(Hits(Dl3052(),
                 "FROM a:1\n"
                 "LABEL home=\"not a url\"\n",
                 kEveryLabelType),
            (Lines{2}));
}

TEST(DL3052Test, Clean) {
  EXPECT_EQ(Hits(Dl3052(),
                 "FROM a:1\n"
                 "LABEL home=\"https://example.com/x?y=1\"\n"
                 "LABEL other=x\n",
                 kEveryLabelType),
            (Lines{}));
  EXPECT_EQ(Hits(Dl3052(),
                 "FROM a:1\n"
                 "LABEL home=\"not a url\"\n"),
            (Lines{}));
}

}  // namespace
}  // namespace mybuild::lint::rules
