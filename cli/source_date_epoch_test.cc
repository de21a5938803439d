#include "cli/source_date_epoch.h"

#include <gtest/gtest.h>

namespace mybuild::cli {
namespace {

TEST(SourceDateEpochTest, BuildArgThenEnvironment) {
  EXPECT_EQ(*SourceDateEpoch({}, nullptr), std::nullopt);
  EXPECT_EQ(*SourceDateEpoch({}, ""), std::nullopt);
  EXPECT_EQ(*SourceDateEpoch({}, "1700000000"), 1700000000);
  EXPECT_EQ(*SourceDateEpoch({{"SOURCE_DATE_EPOCH", "5"}}, "1700000000"), 5);
  EXPECT_EQ(*SourceDateEpoch({{"OTHER", "5"}}, "7"), 7);
  EXPECT_EQ(SourceDateEpoch({}, "yesterday").status().message(),
            "SOURCE_DATE_EPOCH \"yesterday\" is not a number of seconds since 1970");
  EXPECT_EQ(SourceDateEpoch({{"SOURCE_DATE_EPOCH", "-1"}}, nullptr).status().message(),
            "SOURCE_DATE_EPOCH \"-1\" is not a number of seconds since 1970");
}

TEST(SourceDateEpochTest, Rfc3339InUtc) {
  EXPECT_EQ(Rfc3339(0), "1970-01-01T00:00:00Z");
  EXPECT_EQ(Rfc3339(1700000000), "2023-11-14T22:13:20Z");
}

}  // namespace
}  // namespace mybuild::cli
