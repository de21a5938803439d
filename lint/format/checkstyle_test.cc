#include <gtest/gtest.h>

#include <sstream>

#include "lint/format/formats.h"
#include "lint/format/sample_reports_for_test.h"
#include "lint/format/xml_reader_for_test.h"

namespace mybuild::lint::format {
namespace {

TEST(CheckstyleTest, ParsesBackAsCheckstyleXml) {
  std::ostringstream out;
  WriteCheckstyle(testing::SampleReports(), {}, out);
  auto doc = testing::ParseXml(out.str());
  ASSERT_TRUE(doc.ok()) << doc.status().message() << "\n" << out.str();
  EXPECT_EQ(doc->name, "checkstyle");
  EXPECT_EQ(doc->attrs.at("version"), "4.3");
  ASSERT_EQ(doc->children.size(), 2u);
  const auto& file = doc->children[0];
  EXPECT_EQ(file.attrs.at("name"), "Dockerfile");
  ASSERT_EQ(file.children.size(), 4u);
  const auto& err = file.children[2];
  EXPECT_EQ(err.name, "error");
  EXPECT_EQ(err.attrs,
            (std::map<std::string, std::string>{
                {"line", "5"},
                {"column", "1"},
                {"severity", "error"},
                {"message",
                 "Use COPY instead of ADD for files and folders <'&\"> "
                 "\xc3\xa9"},
                {"source", "DL3020"}}));
  EXPECT_EQ(file.children[1].attrs.at("column"), "12");
  const auto& bad = doc->children[1];
  EXPECT_EQ(bad.attrs.at("name"), "sub/Bad.Dockerfile");
  EXPECT_EQ(bad.children[0].attrs.at("source"), "DL1000");
}

TEST(CheckstyleTest, EscapesAttributesAsNumericReferences) {
  std::ostringstream out;
  WriteCheckstyle(
      {FileReport{
          "a'b", {{"X1", Severity::kInfo, "<&>", 1, 1, ""}}, std::nullopt}},
      {}, out);
  EXPECT_EQ(out.str(),
            "<?xml version='1.0' encoding='UTF-8'?><checkstyle version='4.3'>"
            "<file name='a&#39;b'><error line='1' column='1' severity='info' "
            "message='&#60;&#38;&#62;' source='X1'/></file></checkstyle>\n");
}

TEST(CheckstyleTest, FilePathInReport) {
  ReportOptions o;
  o.file_path_in_report = "ci/Dockerfile";
  std::ostringstream out;
  WriteCheckstyle(testing::SampleReports(), o, out);
  auto doc = testing::ParseXml(out.str());
  ASSERT_TRUE(doc.ok());
  EXPECT_EQ(doc->children[0].attrs.at("name"), "ci/Dockerfile");
}

}  // namespace
}  // namespace mybuild::lint::format
