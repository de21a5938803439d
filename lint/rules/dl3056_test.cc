#include <gtest/gtest.h>

#include "lint/rules/rule_testing.h"
#include "lint/rules/rules.h"

namespace mybuild::lint::rules {
namespace {

using Lines = std::vector<int>;
using testing::Hits;
using testing::kEveryLabelType;

TEST(DL3056Test, Fires) {
  EXPECT_EQ(Hits(Dl3056(),
                 "FROM a:1\n"
                 "LABEL version=\"1.0\"\n",
                 kEveryLabelType),
            (Lines{2}));
}

TEST(DL3056Test, Clean) {
  EXPECT_EQ(Hits(Dl3056(),
                 "FROM a:1\n"
                 "LABEL version=\"1.2.3-rc.1+build.5\"\n"
                 "LABEL other=x\n",
                 kEveryLabelType),
            (Lines{}));
  EXPECT_EQ(Hits(Dl3056(),
                 "FROM a:1\n"
                 "LABEL version=\"1.0\"\n"),
            (Lines{}));
}

}  // namespace
}  // namespace mybuild::lint::rules
