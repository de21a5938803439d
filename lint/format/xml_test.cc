#include "lint/format/xml.h"

#include <gtest/gtest.h>

#include "lint/format/xml_reader_for_test.h"

namespace mybuild::lint::format {
namespace {

TEST(XmlEscapeTest, KeepsSafeCharactersAndReferencesTheRest) {
  EXPECT_EQ(XmlEscape("a-b_c.d/e:f,g h"), "a-b_c.d/e:f,g h");
  EXPECT_EQ(XmlEscape("<'\"&>"), "&#60;&#39;&#34;&#38;&#62;");
  EXPECT_EQ(XmlEscape("\xc3\xa9\xe2\x82\xac"), "&#233;&#8364;");
  EXPECT_EQ(XmlEscape("a\nb\x01"), "a&#10;b");
  EXPECT_EQ(XmlEscape("\xff"), "&#65533;");
}

TEST(XmlReaderTest, RejectsWhatIsNotWellFormed) {
  using testing::ParseXml;
  EXPECT_TRUE(ParseXml("<?xml version='1.0'?><a x='1'><b/>t&#233;</a>").ok());
  EXPECT_FALSE(ParseXml("<a><b></a>").ok());
  EXPECT_FALSE(ParseXml("<a x='it's'/>").ok());
  EXPECT_FALSE(ParseXml("<a>&bogus;</a>").ok());
  EXPECT_FALSE(ParseXml("<a x='<'/>").ok());
  EXPECT_FALSE(ParseXml("<a/><b/>").ok());
  EXPECT_FALSE(ParseXml("<a x='1'y='2'/>").ok());
  EXPECT_EQ(ParseXml("<a>t&#233;</a>")->text, "t\xc3\xa9");
}

}  // namespace
}  // namespace mybuild::lint::format
