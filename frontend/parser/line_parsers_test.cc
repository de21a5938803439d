#include "frontend/parser/line_parsers.h"

#include <gtest/gtest.h>

namespace mybuild::frontend::parser {
namespace {

std::string DumpLine(std::string_view line, char escape = '\\') {
  Expected<Node> node = NodeFromLine(line, escape);
  if (!node.ok()) return "error: " + node.status().message();
  return Dump(*node) + (node->json ? " [json]" : "");
}

TEST(LineParsersTest, JsonOrString) {
  EXPECT_EQ(DumpLine(R"(CMD ["a", "b"])"), R"(cmd "a" "b" [json])");
  EXPECT_EQ(DumpLine("CMD []"), "cmd [json]");
  EXPECT_EQ(DumpLine("CMD ['a']"), R"(cmd "['a']")");
  EXPECT_EQ(DumpLine("RUN echo \"hi\" \\n"), R"(run "echo \"hi\" \\n")");
  EXPECT_EQ(DumpLine("CMD [1]"),
            "error: when using JSON array syntax, arrays must be comprised "
            "of strings only");
}

TEST(LineParsersTest, JsonOrList) {
  EXPECT_EQ(DumpLine(R"(COPY "a b" c)"), R"(copy "\"a" "b\"" "c")");
  EXPECT_EQ(DumpLine(R"(VOLUME ["/a", "/b"])"), R"(volume "/a" "/b" [json])");
  EXPECT_EQ(DumpLine("VOLUME"), "volume");
}

TEST(LineParsersTest, EnvAndLabel) {
  EXPECT_EQ(DumpLine("ENV a b c"), R"(env "a" "b c" "")");
  EXPECT_EQ(DumpLine("ENV a=1 b=\"x y\""),
            R"(env "a" "1" "=" "b" "\"x y\"" "=")");
  EXPECT_EQ(DumpLine("LABEL a"), "error: LABEL must have two arguments");
  EXPECT_EQ(DumpLine("ENV a=1 b"),
            "error: Syntax error - can't find = in \"b\". Must be of the "
            "form: name=value");
  // The escape directive changes what escapes a space.
  EXPECT_EQ(DumpLine("ENV a=x` y", '`'), R"(env "a" "x` y" "=")");
}

TEST(LineParsersTest, ArgWordsKeepQuotes) {
  EXPECT_EQ(DumpLine(R"(ARG abc="123 456" def)"),
            R"(arg "abc=\"123 456\"" "def")");
  EXPECT_EQ(ParseWords("a\\", '\\'), std::vector<std::string>{"a"});
  EXPECT_EQ(ParseWords("'a\\' b", '\\'),
            (std::vector<std::string>{"'a\\'", "b"}));
  EXPECT_EQ(ParseWords("\"\" x", '\\'),
            (std::vector<std::string>{"\"\"", "x"}));
}

TEST(LineParsersTest, HealthcheckOnbuildAndUnknown) {
  EXPECT_EQ(DumpLine(R"(HEALTHCHECK --interval=5s CMD ["true"])"),
            R"(healthcheck ["--interval=5s"] "CMD" "true" [json])");
  EXPECT_EQ(DumpLine("HEALTHCHECK CONNECT TCP 7000"),
            R"(healthcheck "CONNECT" "TCP 7000")");
  EXPECT_EQ(DumpLine("HEALTHCHECK"), "healthcheck");
  EXPECT_EQ(DumpLine("ONBUILD COPY --from=x a /b"),
            R"(onbuild (copy ["--from=x"] "a" "/b"))");
  EXPECT_EQ(DumpLine("RUNN --x=1 bar baz"), R"(runn ["--x=1"] "")");
  EXPECT_EQ(DumpLine("FROM golang:1.22 AS build"),
            R"(from "golang:1.22" "AS" "build")");
}

}  // namespace
}  // namespace mybuild::frontend::parser
