#include <gtest/gtest.h>

#include "lint/rules/rule_testing.h"
#include "lint/rules/rules.h"

namespace mybuild::lint::rules {
namespace {

using Lines = std::vector<int>;
using testing::Hits;
using testing::kEveryLabelType;

TEST(DL3054Test, Fires) {
  EXPECT_EQ(Hits(Dl3054(),
                 "FROM a:1\n"
                 "LABEL lic=\"My License!\"\n",
                 kEveryLabelType),
            (Lines{2}));
}

TEST(DL3054Test, Clean) {
  EXPECT_EQ(Hits(Dl3054(),
                 "FROM a:1\n"
                 "LABEL lic=\"Apache-2.0 OR MIT\"\n"
                 "LABEL other=x\n",
                 kEveryLabelType),
            (Lines{}));
  EXPECT_EQ(Hits(Dl3054(),
                 "FROM a:1\n"
                 "LABEL lic=\"My License!\"\n"),
            (Lines{}));
}

}  // namespace
}  // namespace mybuild::lint::rules
