#include "cli/row_template.h"

#include <gtest/gtest.h>

namespace mybuild::cli {
namespace {

TEST(RowTemplateTest, ExpandsFieldsAndEscapes) {
  std::map<std::string, std::string> f = {{"Repository", "app"}, {"Tag", "1"}};
  EXPECT_EQ(ExpandTemplate("{{.Repository}}:{{ .Tag }}", f).value(), "app:1");
  EXPECT_EQ(ExpandTemplate("{{.Tag}}\\t{{.Repository}}\\n", f).value(), "1\tapp\n");
  EXPECT_EQ(ExpandTemplate("{{.Size}}", f).status().message(),
            "template: unknown field .Size (fields: .Repository .Tag)");
  EXPECT_EQ(ExpandTemplate("{{.Tag", f).status().message(), "template: unterminated \"{{\"");
  EXPECT_TRUE(IsTemplate("{{.ID}}"));
  EXPECT_FALSE(IsTemplate("json"));
}

}  // namespace
}  // namespace mybuild::cli
