#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "lint/format/formats.h"
#include "lint/format/sample_reports_for_test.h"

namespace mybuild::lint::format {
namespace {

TEST(SarifTest, OneRunWithResults) {
  std::ostringstream out;
  WriteSarif(testing::SampleReports(), {}, out);
  nlohmann::json j = nlohmann::json::parse(out.str());
  EXPECT_EQ(j["version"], "2.1.0");
  EXPECT_EQ(j["$schema"], "http://json.schemastore.org/sarif-2.1.0");
  ASSERT_EQ(j["runs"].size(), 1u);
  const auto& run = j["runs"][0];
  EXPECT_EQ(run["tool"]["driver"]["name"], "mybuild-lint");
  EXPECT_EQ(run["defaultSourceLanguage"], "dockerfile");
  ASSERT_EQ(run["results"].size(), 5u);
  EXPECT_EQ(run["results"][1], nlohmann::json::parse(R"({
    "ruleId":"SC2086","level":"note",
    "message":{"text":"Double quote to prevent globbing and word splitting."},
    "locations":[{"physicalLocation":{
      "artifactLocation":{"uri":"Dockerfile"},
      "region":{"startLine":4,"endLine":4,"startColumn":12,"endColumn":12,
                "sourceLanguage":"sh"}}}]})"));
  EXPECT_EQ(run["results"][0]["level"], "warning");
  EXPECT_EQ(run["results"][2]["level"], "error");
  EXPECT_EQ(run["results"][3]["level"], "note");
  EXPECT_EQ(run["results"][4]["ruleId"], "DL1000");
  EXPECT_EQ(run["results"][4]["locations"][0]["physicalLocation"]["region"]
               ["sourceLanguage"],
            "dockerfile");
}

}  // namespace
}  // namespace mybuild::lint::format
