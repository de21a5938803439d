#include <gtest/gtest.h>

#include <sstream>

#include "lint/format/formats.h"
#include "lint/format/sample_reports_for_test.h"

namespace mybuild::lint::format {
namespace {

TEST(WriteReportTest, DispatchesByName) {
  std::ostringstream a, b;
  ASSERT_TRUE(WriteReport("gnu", testing::SampleReports(), {}, a).ok());
  WriteGnu(testing::SampleReports(), {}, b);
  EXPECT_EQ(a.str(), b.str());
  for (const char* name :
       {"tty", "json", "checkstyle", "codeclimate", "gitlab_codeclimate", "gnu",
        "codacy", "sonarqube", "sarif", "junit"}) {
    std::ostringstream out;
    EXPECT_TRUE(WriteReport(name, testing::SampleReports(), {}, out).ok())
        << name;
    EXPECT_FALSE(out.str().empty()) << name;
  }
}

TEST(WriteReportTest, UnknownNameWritesNothing) {
  std::ostringstream out;
  Status st = WriteReport("xml", testing::SampleReports(), {}, out);
  EXPECT_EQ(st.message(), "unknown format \"xml\"");
  EXPECT_EQ(out.str(), "");
}

}  // namespace
}  // namespace mybuild::lint::format
