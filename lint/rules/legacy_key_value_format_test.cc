#include <gtest/gtest.h>

#include "lint/rules/rule_testing.h"
#include "lint/rules/rules.h"

namespace mybuild::lint::rules {
namespace {

using Lines = std::vector<int>;
using testing::Hits;

TEST(LegacyKeyValueFormatTest, Fires) {
  EXPECT_EQ(Hits(LegacyKeyValueFormat(),
                 "FROM a:1\n"
                 "ENV PATH /x:$PATH\n"),
            (Lines{2}));
}

TEST(LegacyKeyValueFormatTest, Clean) {
  EXPECT_EQ(Hits(LegacyKeyValueFormat(),
                 "FROM a:1\n"
                 "ENV PATH=/x:$PATH A=\"b c\"\n"
                 "LABEL a=b\n"),
            (Lines{}));
}

}  // namespace
}  // namespace mybuild::lint::rules
