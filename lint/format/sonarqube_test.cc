#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "lint/format/formats.h"
#include "lint/format/sample_reports_for_test.h"

namespace mybuild::lint::format {
namespace {

TEST(SonarqubeTest, GenericIssues) {
  std::ostringstream out;
  WriteSonarqube(testing::SampleReports(), {}, out);
  nlohmann::json j = nlohmann::json::parse(out.str());
  ASSERT_EQ(j["issues"].size(), 5u);
  EXPECT_EQ(j["issues"][0], nlohmann::json::parse(R"({
    "engineId":"mybuild-lint","ruleId":"DL3027","severity":"MAJOR",
    "type":"CODE_SMELL",
    "primaryLocation":{
      "message":"Do not use apt as it is meant to be an end-user tool, use apt-get or apt-cache instead",
      "filePath":"Dockerfile",
      "textRange":{"startLine":3,"endLine":3,"startColumn":0,"endColumn":1}}})"));
  EXPECT_EQ(j["issues"][1]["severity"], "MINOR");
  EXPECT_EQ(j["issues"][2]["severity"], "CRITICAL");
  EXPECT_EQ(j["issues"][2]["type"], "BUG");
  EXPECT_EQ(j["issues"][3]["severity"], "INFO");
  EXPECT_EQ(j["issues"][4]["severity"], "BLOCKER");
  EXPECT_EQ(j["issues"][4]["ruleId"], "DL1000");
}

}  // namespace
}  // namespace mybuild::lint::format
