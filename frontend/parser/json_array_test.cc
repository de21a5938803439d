#include "frontend/parser/json_array.h"

#include <gtest/gtest.h>

namespace mybuild::frontend::parser {
namespace {

using Items = std::vector<std::string>;

JsonArrayStatus StatusOf(std::string_view text) {
  return ParseJsonArray(text).status;
}

TEST(JsonArrayTest, DecodesStringArrays) {
  EXPECT_EQ(ParseJsonArray("[]").items, Items{});
  EXPECT_EQ(StatusOf("[]"), JsonArrayStatus::kOk);
  EXPECT_EQ(ParseJsonArray(" \t[ \"a\" ,\n\"b\"\t] \r\n").items,
            (Items{"a", "b"}));
  EXPECT_EQ(ParseJsonArray(R"(["\" \\ \/ \b \f \n \r \t \u0000"])").items,
            (Items{std::string("\" \\ / \b \f \n \r \t \0", 17)}));
}

TEST(JsonArrayTest, UnicodeEscapesAndInvalidUtf8) {
  EXPECT_EQ(ParseJsonArray(R"(["\u00e9\ud83d\ude00"])").items,
            (Items{"é\xF0\x9F\x98\x80"}));
  // A lone surrogate decodes as U+FFFD; the next escape stands alone.
  EXPECT_EQ(ParseJsonArray(R"(["\ud800\u0041"])").items,
            (Items{"\xEF\xBF\xBD" "A"}));
  EXPECT_EQ(ParseJsonArray("[\"a\xff\"]").items, (Items{"a\xEF\xBF\xBD"}));
}

TEST(JsonArrayTest, InvalidJsonFallsBackToShellForm) {
  for (const char* text :
       {"", "x", "[", "['a']", "[\"a\"", "[\"a\",]", "[\"a\"] x",
        "[\"a\tb\"]", "[\"\\x\"]", "[01]", "[1.]", "{\"a\":1}", "[\"a\" \"b\"]",
        "[\"\\u12\"]", "[tru]"}) {
    EXPECT_EQ(StatusOf(text), JsonArrayStatus::kNotJson) << text;
  }
}

TEST(JsonArrayTest, NonStringElementsAreAnError) {
  for (const char* text :
       {"[1]", "[\"a\", [\"b\"]]", "[null]", "[true, \"x\"]", "[{}]",
        "[-0.5e+10]", "[{\"k\": [1, {\"x\": null}]}]"}) {
    EXPECT_EQ(StatusOf(text), JsonArrayStatus::kNotStrings) << text;
  }
}

TEST(JsonArrayTest, NestingLimitIsGos) {
  std::string ok = std::string(10000, '[') + std::string(10000, ']');
  EXPECT_EQ(StatusOf(ok), JsonArrayStatus::kNotStrings);
  std::string deep = std::string(10001, '[') + std::string(10001, ']');
  EXPECT_EQ(StatusOf(deep), JsonArrayStatus::kNotJson);
}

}  // namespace
}  // namespace mybuild::frontend::parser
