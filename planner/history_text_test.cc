#include "planner/history_text.h"

#include <gtest/gtest.h>

namespace mybuild::planner {
namespace {

TEST(HistoryTextTest, ListsAsGoPrintsThem) {
  EXPECT_EQ(GoList({}), "[]");
  EXPECT_EQ(GoList({"/bin/bash", "-c"}), "[/bin/bash -c]");
  EXPECT_EQ(GoQuotedList({}), "[]");
  EXPECT_EQ(GoQuotedList({"/bin/sh", "-c", "echo \"hi\"\tthere\\"}),
            "[\"/bin/sh\" \"-c\" \"echo \\\"hi\\\"\\tthere\\\\\"]");
  EXPECT_EQ(GoQuotedList({"caf\xc3\xa9", "\xff"}),
            "[\"caf\xc3\xa9\" \"\\xff\"]");
}

// time.Duration.String(), checked against Go's own examples.
TEST(HistoryTextTest, DurationsAsGoPrintsThem) {
  EXPECT_EQ(GoDuration(0), "0s");
  EXPECT_EQ(GoDuration(1), "1ns");
  EXPECT_EQ(GoDuration(1100), "1.1\xc2\xb5s");
  EXPECT_EQ(GoDuration(2200000), "2.2ms");
  EXPECT_EQ(GoDuration(500000000), "500ms");
  EXPECT_EQ(GoDuration(1000000000), "1s");
  EXPECT_EQ(GoDuration(1500000000), "1.5s");
  EXPECT_EQ(GoDuration(60000000000), "1m0s");
  EXPECT_EQ(GoDuration(90000000000), "1m30s");
  EXPECT_EQ(GoDuration(3723000000000), "1h2m3s");
  EXPECT_EQ(GoDuration(7200000000000), "2h0m0s");
  EXPECT_EQ(GoDuration(3600000000001), "1h0m0.000000001s");
  EXPECT_EQ(GoDuration(-1500000000), "-1.5s");
}

TEST(HistoryTextTest, HealthcheckAsBuildKitPrintsIt) {
  oci::Healthcheck h;
  h.test = {"CMD", "true"};
  h.interval = 5000000000;
  h.start_period = 1000000000;
  h.retries = 4;
  EXPECT_EQ(HealthcheckHistory(h),
            "HEALTHCHECK {Test:[CMD true] Interval:5s Timeout:0s "
            "StartPeriod:1s StartInterval:0s Retries:4}");
  EXPECT_EQ(HealthcheckHistory(oci::Healthcheck{{"NONE"}}),
            "HEALTHCHECK {Test:[NONE] Interval:0s Timeout:0s StartPeriod:0s "
            "StartInterval:0s Retries:0}");
}

TEST(HistoryTextTest, RunListsTheStagesArgsFirst) {
  EXPECT_EQ(RunHistory({"/bin/sh", "-c", "make all"}, {}),
            "RUN /bin/sh -c make all");
  EXPECT_EQ(RunHistory({"/bin/sh", "-c", "make"}, {{"A", "1"}, {"B", ""}}),
            "RUN |2 A=1 B= /bin/sh -c make");
  EXPECT_EQ(RunHistory({}, {}), "RUN ");
}

}  // namespace
}  // namespace mybuild::planner
