#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "lint/format/formats.h"
#include "lint/format/sample_reports_for_test.h"

namespace mybuild::lint::format {
namespace {

TEST(CodacyTest, OneObjectPerLine) {
  std::ostringstream out;
  WriteCodacy(testing::SampleReports(), {}, out);
  std::istringstream in(out.str());
  std::vector<nlohmann::json> lines;
  for (std::string line; std::getline(in, line);) {
    lines.push_back(nlohmann::json::parse(line));
  }
  ASSERT_EQ(lines.size(), 5u);
  EXPECT_EQ(lines[1], nlohmann::json::parse(
                          R"({"filename":"Dockerfile","patternId":"SC2086",
                              "message":"Double quote to prevent globbing and word splitting.",
                              "line":4})"));
  EXPECT_EQ(lines[4]["patternId"], "DL1000");
  EXPECT_EQ(lines[4]["filename"], "sub/Bad.Dockerfile");
}

}  // namespace
}  // namespace mybuild::lint::format
