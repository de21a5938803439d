#include "cli/humanize.h"

#include <gtest/gtest.h>

namespace mybuild::cli {
namespace {

TEST(HumanizeTest, DurationsAsDockerPrintsThem) {
  EXPECT_EQ(HumanDuration(0), "Less than a second");
  EXPECT_EQ(HumanDuration(1), "1 second");
  EXPECT_EQ(HumanDuration(59), "59 seconds");
  EXPECT_EQ(HumanDuration(60), "About a minute");
  EXPECT_EQ(HumanDuration(119), "About a minute");
  EXPECT_EQ(HumanDuration(59 * 60), "59 minutes");
  EXPECT_EQ(HumanDuration(89 * 60), "About an hour");
  EXPECT_EQ(HumanDuration(2 * 3600), "2 hours");
  EXPECT_EQ(HumanDuration(47 * 3600), "47 hours");
  EXPECT_EQ(HumanDuration(3 * 86400), "3 days");
  EXPECT_EQ(HumanDuration(15 * 86400), "2 weeks");
  EXPECT_EQ(HumanDuration(90 * 86400), "3 months");
  EXPECT_EQ(HumanDuration(800 * 86400), "2 years");
}

TEST(HumanizeTest, Rfc3339) {
  EXPECT_EQ(ParseRfc3339("1970-01-01T00:01:00Z"), 60);
  EXPECT_EQ(ParseRfc3339("1970-01-01T00:01:00.123456789Z"), 60);
  EXPECT_EQ(ParseRfc3339("1970-01-01T01:01:00+01:00"), 60);
  EXPECT_EQ(ParseRfc3339("yesterday"), std::nullopt);
  EXPECT_EQ(ParseRfc3339("1970-01-01T00:01:00"), std::nullopt);
  EXPECT_EQ(HumanAgo("1970-01-01T00:00:00Z", 7200), "2 hours ago");
  EXPECT_EQ(HumanAgo("", 7200), "N/A");
}

}  // namespace
}  // namespace mybuild::cli
