#include <gtest/gtest.h>

#include <sstream>

#include "lint/format/formats.h"
#include "lint/format/sample_reports_for_test.h"

namespace mybuild::lint::format {
namespace {

TEST(TtyTest, OneLinePerFinding) {
  std::ostringstream out;
  WriteTty(testing::SampleReports(), {}, out);
  EXPECT_EQ(out.str(),
            "Dockerfile:3 DL3027 warning: Do not use apt as it is meant to be "
            "an end-user tool, use apt-get or apt-cache instead\n"
            "Dockerfile:4 SC2086 info: Double quote to prevent globbing and "
            "word splitting.\n"
            "Dockerfile:5 DL3020 error: Use COPY instead of ADD for files and "
            "folders <'&\"> \xc3\xa9\n"
            "Dockerfile:6 DL3059 style: Multiple consecutive `RUN` "
            "instructions.\n"
            "sub/Bad.Dockerfile:2:1 unknown instruction: RUNN\n");
}

TEST(TtyTest, ColoursSeverities) {
  ReportOptions o;
  o.color = true;
  std::ostringstream out;
  auto reports = testing::SampleReports();
  reports.resize(1);
  reports[0].findings.resize(1);
  WriteTty(reports, o, out);
  EXPECT_EQ(out.str(),
            "Dockerfile:3 DL3027 \x1b[93mwarning\x1b[0m: Do not use apt as it "
            "is meant to be an end-user tool, use apt-get or apt-cache "
            "instead\n");
}

TEST(TtyTest, NothingForNoFindings) {
  std::ostringstream out;
  WriteTty({FileReport{"Dockerfile", {}, std::nullopt}}, {}, out);
  EXPECT_EQ(out.str(), "");
}

}  // namespace
}  // namespace mybuild::lint::format
