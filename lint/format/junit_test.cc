#include <gtest/gtest.h>

#include <sstream>

#include "lint/format/formats.h"
#include "lint/format/sample_reports_for_test.h"
#include "lint/format/xml_reader_for_test.h"

namespace mybuild::lint::format {
namespace {

TEST(JunitTest, SuitePerFileCasePerFinding) {
  ReportOptions o;
  o.now = 1700000000;  // 2023-11-14 22:13:20 UTC
  std::ostringstream out;
  WriteJunit(testing::SampleReports(), o, out);
  auto doc = testing::ParseXml(out.str());
  ASSERT_TRUE(doc.ok()) << doc.status().message() << "\n" << out.str();
  EXPECT_EQ(doc->name, "testsuites");
  EXPECT_EQ(doc->attrs.at("id"), "20231114_221320");
  EXPECT_EQ(doc->attrs.at("name"), "mybuild lint run at 2023-11-14 22:13:20");
  ASSERT_EQ(doc->children.size(), 2u);
  const auto& suite = doc->children[0];
  EXPECT_EQ(suite.attrs.at("failures"), "4");
  EXPECT_EQ(suite.attrs.at("errors"), "0");
  ASSERT_EQ(suite.children.size(), 4u);
  const auto& tc = suite.children[0];
  EXPECT_EQ(tc.attrs.at("id"), "mybuild-lint.rule.DL3027");
  const auto& failure = tc.children.at(0);
  EXPECT_EQ(failure.name, "failure");
  EXPECT_EQ(failure.attrs.at("type"), "warning");
  EXPECT_EQ(failure.text,
            "File: Dockerfile\nLine: 3\nCategory: mybuild lint - Dockerfile "
            "Static Analysis\nwarning: Do not use apt as it is meant to be an "
            "end-user tool, use apt-get or apt-cache instead\n");
  const auto& bad = doc->children[1];
  EXPECT_EQ(bad.attrs.at("errors"), "1");
  EXPECT_EQ(bad.children[0].attrs.at("name"), "DL1000");
  EXPECT_EQ(bad.children[0].children[0].attrs.at("message"),
            "parse error at line 2, column 1");
}

}  // namespace
}  // namespace mybuild::lint::format
