#include <gtest/gtest.h>

#include "lint/rules/rule_testing.h"
#include "lint/rules/rules.h"

namespace mybuild::lint::rules {
namespace {

using Lines = std::vector<int>;
using testing::Hits;
using testing::kEveryLabelType;

TEST(DL3058Test, Fires) {
  EXPECT_EQ(Hits(Dl3058(),
                 "FROM a:1\n"
                 "LABEL mail=\"me at example\"\n",
                 kEveryLabelType),
            (Lines{2}));
}

TEST(DL3058Test, Clean) {
  EXPECT_EQ(Hits(Dl3058(),
                 "FROM a:1\n"
                 "LABEL mail=\"me@example.com\"\n"
                 "LABEL other=x\n",
                 kEveryLabelType),
            (Lines{}));
  EXPECT_EQ(Hits(Dl3058(),
                 "FROM a:1\n"
                 "LABEL mail=\"me at example\"\n"),
            (Lines{}));
}

}  // namespace
}  // namespace mybuild::lint::rules
