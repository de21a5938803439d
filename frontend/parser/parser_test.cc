#include "frontend/parser/parser.h"

#include <gtest/gtest.h>

namespace mybuild::frontend::parser {
namespace {

std::string DumpOf(std::string_view text) {
  Expected<ParseResult> r = Parse(text);
  return r.ok() ? Dump(r->root) : "error: " + r.status().message();
}

TEST(ParserTest, ContinuationsCommentsAndBlankLines) {
  EXPECT_EQ(DumpOf("FROM a\nRUN echo hello \\\n  # comment\n\n  world\n"),
            "(from \"a\")\n(run \"echo hello   world\")");
  EXPECT_EQ(DumpOf("RUN a\\\\\nRUN b"), "(run \"a\\\\\\\\\")\n(run \"b\")");
  EXPECT_EQ(DumpOf("RUN a \\"), "(run \"a\")");  // continuation at EOF
  EXPECT_EQ(DumpOf("RUN echo # not a comment"),
            "(run \"echo # not a comment\")");
}

TEST(ParserTest, CrlfAndBom) {
  Expected<ParseResult> r =
      Parse("\xEF\xBB\xBF# syntax=x\r\nFROM a\r\nRUN b \\\r\n c\r\n");
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(Dump(r->root), "(from \"a\")\n(run \"b  c\")");
  ASSERT_EQ(r->directives.size(), 1u);
  EXPECT_EQ(r->directives[0].value, "x");
  EXPECT_EQ(r->root.children[1].start_line, 3);
  EXPECT_EQ(r->root.children[1].end_line, 4);
}

TEST(ParserTest, EscapeDirective) {
  Expected<ParseResult> r =
      Parse("# escape=`\nFROM a\nRUN dir C:\\ `\n  /s\nENV P=C:\\x` y\n");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->escape, '`');
  EXPECT_EQ(Dump(r->root),
            "(from \"a\")\n(run \"dir C:\\\\   /s\")\n"
            "(env \"P\" \"C:\\\\x` y\" \"=\")");
  // After an ordinary comment the directive is just a comment.
  EXPECT_EQ(Parse("# hi\n# escape=`\nFROM a").value().escape, '\\');
}

TEST(ParserTest, Heredocs) {
  Expected<ParseResult> r = Parse(
      "FROM a\nRUN <<EOF\necho hi\n# kept\nEOF\n"
      "COPY <<A <<-\"B\" /dest\nB\nA\n\tx\r\n\tB\nRUN [\"<<EOF\"]\n");
  ASSERT_TRUE(r.ok()) << r.status().message();
  const auto& kids = r->root.children;
  ASSERT_EQ(kids.size(), 4u);
  ASSERT_EQ(kids[1].heredocs.size(), 1u);
  EXPECT_EQ(kids[1].heredocs[0].content, "echo hi\n# kept\n");
  EXPECT_EQ(kids[1].end_line, 5);
  ASSERT_EQ(kids[2].heredocs.size(), 2u);
  EXPECT_EQ(kids[2].heredocs[0].content, "B\n");
  EXPECT_EQ(kids[2].heredocs[1].content, "\tx\r\n");
  EXPECT_TRUE(kids[2].heredocs[1].chomp);
  EXPECT_FALSE(kids[2].heredocs[1].expand);
  EXPECT_EQ(Dump(kids[2]), "copy \"<<A\" \"<<-\\\"B\\\"\" \"/dest\"");
  EXPECT_TRUE(kids[3].heredocs.empty());  // JSON form has no heredocs
}

TEST(ParserTest, OnbuildHeredoc) {
  Expected<ParseResult> r = Parse("ONBUILD RUN <<X\nbody\nX\nRUN y\n");
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->root.children.size(), 2u);
  EXPECT_EQ(r->root.children[0].heredocs.at(0).content, "body\n");
}

TEST(ParserTest, Errors) {
  EXPECT_EQ(DumpOf(""), "error: line 0: file with no instructions");
  EXPECT_EQ(DumpOf("# a\n\n"), "error: line 2: file with no instructions");
  EXPECT_EQ(DumpOf("FROM a\nRUN <<EOF\nx\n"),
            "error: line 2: unterminated heredoc");
  EXPECT_EQ(DumpOf("# escape=x\nFROM a"),
            "error: line 1: invalid escape token 'x' does not match ` or \\");
  EXPECT_EQ(DumpOf("# syntax=a\n# syntax=b\nFROM a"),
            "error: line 2: only one syntax parser directive can be used");
  EXPECT_EQ(DumpOf("FROM a\nENV \\\n  X\n"),
            "error: line 2: ENV must have two arguments");
  EXPECT_EQ(DumpOf("FROM a\nRUN " + std::string(65532, 'x') + "\n"),
            "error: line 2: dockerfile line greater than max allowed size "
            "of 65535");
  EXPECT_TRUE(Parse("RUN " + std::string(65531, 'x')).ok());

  ParseError error;
  EXPECT_FALSE(Parse("FROM a\nCMD [\"a\", \\\n 1]\n", &error).ok());
  EXPECT_EQ(error.start_line, 2);
  EXPECT_EQ(error.end_line, 3);
}

TEST(ParserTest, WarningsAndComments) {
  Expected<ParseResult> r =
      Parse("# syntax=x\n# about a\nFROM a\n# one\n#\n# two\nRUN a \\\n\n b\n");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->root.children[0].prev_comments,
            std::vector<std::string>{"about a"});
  EXPECT_EQ(r->root.children[1].prev_comments,
            std::vector<std::string>{"two"});
  ASSERT_EQ(r->warnings.size(), 1u);
  EXPECT_EQ(r->warnings[0].message, "Empty continuation line found in: RUN a  b");
  EXPECT_EQ(r->warnings[0].line, 9);
}

TEST(ParserTest, LoneEscapeLine) {
  // A line that is only the escape token joins nothing: BuildKit makes an
  // instruction with an empty keyword.
  EXPECT_EQ(DumpOf("FROM a\n\\\n"), "(from \"a\")\n(\"\")");
}

}  // namespace
}  // namespace mybuild::frontend::parser
