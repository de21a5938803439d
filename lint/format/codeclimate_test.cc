#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "lint/format/formats.h"
#include "lint/format/sample_reports_for_test.h"

namespace mybuild::lint::format {
namespace {

TEST(CodeclimateTest, NulTerminatedIssues) {
  std::ostringstream out;
  WriteCodeclimate(testing::SampleReports(), {}, out);
  std::string s = out.str();
  ASSERT_EQ(s.back(), '\0');
  std::vector<nlohmann::json> issues;
  size_t start = 0;
  for (size_t nul; (nul = s.find('\0', start)) != std::string::npos;
       start = nul + 1) {
    issues.push_back(nlohmann::json::parse(s.substr(start, nul - start)));
  }
  ASSERT_EQ(issues.size(), 5u);
  EXPECT_EQ(issues[0], nlohmann::json::parse(R"({
    "type":"issue","check_name":"DL3027",
    "description":"Do not use apt as it is meant to be an end-user tool, use apt-get or apt-cache instead",
    "categories":["Bug Risk"],
    "location":{"path":"Dockerfile","lines":{"begin":3,"end":3}},
    "severity":"major"})"));
  EXPECT_EQ(issues[1]["severity"], "info");
  EXPECT_EQ(issues[2]["severity"], "blocker");
  EXPECT_EQ(issues[3]["severity"], "minor");
  EXPECT_EQ(issues[4]["location"], nlohmann::json::parse(R"({
    "path":"sub/Bad.Dockerfile",
    "positions":{"begin":{"line":2,"column":1},"end":{"line":2,"column":1}}})"));
}

TEST(CodeclimateTest, FilePathInReportReplacesThePath) {
  ReportOptions o;
  o.file_path_in_report = "docker/Dockerfile";
  std::ostringstream out;
  auto reports = testing::SampleReports();
  reports.resize(1);
  reports[0].findings.resize(1);
  WriteCodeclimate(reports, o, out);
  std::string s = out.str();
  EXPECT_EQ(
      nlohmann::json::parse(s.substr(0, s.size() - 1))["location"]["path"],
      "docker/Dockerfile");
}

TEST(GitlabCodeclimateTest, ArrayWithStableFingerprints) {
  std::ostringstream a, b;
  WriteGitlabCodeclimate(testing::SampleReports(), {}, a);
  WriteGitlabCodeclimate(testing::SampleReports(), {}, b);
  EXPECT_EQ(a.str(), b.str());
  nlohmann::json j = nlohmann::json::parse(a.str());
  ASSERT_EQ(j.size(), 5u);
  std::set<std::string> fingerprints;
  for (const auto& issue : j) {
    std::string fp = issue["fingerprint"];
    EXPECT_EQ(fp.size(), 40u);
    EXPECT_EQ(fp.find_first_not_of("0123456789abcdef"), std::string::npos);
    fingerprints.insert(fp);
    EXPECT_EQ(issue["type"], "issue");
  }
  EXPECT_EQ(fingerprints.size(), 5u);
  EXPECT_EQ(j[0]["check_name"], "DL3027");
}

}  // namespace
}  // namespace mybuild::lint::format
