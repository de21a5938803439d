#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "lint/format/formats.h"
#include "lint/format/sample_reports_for_test.h"

namespace mybuild::lint::format {
namespace {

TEST(JsonTest, ParsesBackToTheFindings) {
  std::ostringstream out;
  WriteJson(testing::SampleReports(), {}, out);
  nlohmann::json j = nlohmann::json::parse(out.str());
  ASSERT_EQ(j.size(), 5u);
  EXPECT_EQ(j[0], nlohmann::json::parse(
                      R"({"file":"Dockerfile","line":3,"column":1,
                          "level":"warning","code":"DL3027","message":
                          "Do not use apt as it is meant to be an end-user tool, use apt-get or apt-cache instead"})"));
  EXPECT_EQ(j[1]["column"], 12);
  EXPECT_EQ(j[2]["message"],
            "Use COPY instead of ADD for files and folders <'&\"> \xc3\xa9");
  EXPECT_EQ(j[3]["level"], "style");
  EXPECT_EQ(j[4], nlohmann::json::parse(
                      R"({"file":"sub/Bad.Dockerfile","line":2,"column":1,
                          "level":"error","code":"DL1000",
                          "message":"unknown instruction: RUNN"})"));
}

TEST(JsonTest, EmptyIsAnEmptyArray) {
  std::ostringstream out;
  WriteJson({}, {}, out);
  EXPECT_EQ(out.str(), "[]\n");
}

}  // namespace
}  // namespace mybuild::lint::format
