#include <gtest/gtest.h>

#include <sstream>

#include "lint/format/formats.h"
#include "lint/format/sample_reports_for_test.h"

namespace mybuild::lint::format {
namespace {

TEST(GnuTest, ProgramFileLineMessage) {
  std::ostringstream out;
  auto reports = testing::SampleReports();
  reports[0].findings.resize(2);
  WriteGnu(reports, {}, out);
  EXPECT_EQ(out.str(),
            "mybuild-lint:Dockerfile:3: DL3027 warning: Do not use apt as it "
            "is meant to be an end-user tool, use apt-get or apt-cache "
            "instead\n"
            "mybuild-lint:Dockerfile:4: SC2086 info: Double quote to prevent "
            "globbing and word splitting.\n"
            "mybuild-lint:sub/Bad.Dockerfile:2:1: unknown instruction: "
            "RUNN\n");
}

}  // namespace
}  // namespace mybuild::lint::format
