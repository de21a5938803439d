#include "lint/shell/parser.h"

#include <gtest/gtest.h>

#include "lint/shell/dump.h"

namespace mybuild::lint::shell {
namespace {

std::string D(std::string_view text) {
  Script s = ParseScript(text);
  std::string out = Dump(s.body);
  for (const ParseError& e : s.errors) {
    out += " !" + std::to_string(e.offset) + ":" + e.message;
  }
  return out;
}

TEST(ParserTest, SimpleCommandsAndLists) {
  EXPECT_EQ(D("echo hi"), "(echo hi)");
  EXPECT_EQ(D("a; b\nc &"), "(a); (b); (c) &");
  EXPECT_EQ(D("a && b || c"), "(a) && (b) || (c)");
  EXPECT_EQ(D("a | b |& c"), "(a) | (b) | (c)");
  EXPECT_EQ(D("! a | b"), "! (a) | (b)");
  EXPECT_EQ(D(""), "");
  EXPECT_EQ(D("  \n\n ; "), "");
}

TEST(ParserTest, ContinuationsAndNewlinesAfterOperators) {
  EXPECT_EQ(D("apt-get update \\\n && apt-get install -y x"),
            "(apt-get update) && (apt-get install -y x)");
  EXPECT_EQ(D("a &&\n\n b |\n c"), "(a) && (b) | (c)");
}

TEST(ParserTest, Comments) {
  EXPECT_EQ(D("a # comment && b\nc"), "(a); (c)");
  EXPECT_EQ(D("echo a#b"), "(echo a#b)");
}

TEST(ParserTest, AssignmentsAndRedirections) {
  EXPECT_EQ(D("A=1 B=\"x y\" cmd arg >out 2>&1"),
            "(A=1 B=\"x y\" cmd arg >out 2>&1)");
  EXPECT_EQ(D("X=1"), "(X=1)");
  EXPECT_EQ(D("cmd A=1"), "(cmd A=1)");
  EXPECT_EQ(D("cat <in >>log 3<>rw &>all 2>|x <<<str"),
            "(cat <in >>log 3<>rw &>all 2>|x <<<str)");
  EXPECT_EQ(D("arr=(a b c) cmd"), "(arr=(a b c) cmd)");
  EXPECT_EQ(D(">out"), "(>out)");
  EXPECT_EQ(D("echo 12345678901234567890>x"), "(echo 12345678901234567890 >x)");
}

TEST(ParserTest, Subshells) {
  EXPECT_EQ(D("(cd /x && make) | tee log"),
            "sub{(cd /x) && (make)} | (tee log)");
  EXPECT_EQ(D("( (a) )"), "sub{sub{(a)}}");
  EXPECT_EQ(D("{ a; b; } >log"), "brace{(a); (b)} >log");
}

TEST(ParserTest, IfWhileUntil) {
  EXPECT_EQ(D("if [ -f x ]; then a; elif b; then c; else d; fi"),
            "if{([ -f x ])}then{(a)}elif{(b)}then{(c)}else{(d)}");
  EXPECT_EQ(D("if a\nthen\n b\nfi && c"), "if{(a)}then{(b)} && (c)");
  EXPECT_EQ(D("while read l; do echo $l; done <f"),
            "while{(read l)}do{(echo $l)} <f");
  EXPECT_EQ(D("until false; do :; done"), "until{(false)}do{(:)}");
}

TEST(ParserTest, ForAndCase) {
  EXPECT_EQ(D("for p in a \"b c\" $X; do apt-get install $p; done"),
            "for p in a \"b c\" $X{(apt-get install $p)}");
  EXPECT_EQ(D("for x; do y; done"), "for x in {(y)}");
  EXPECT_EQ(D("for ((i=0;i<3;i++)); do y; done"),
            "for  in ((i=0;i<3;i++)){(y)}");
  EXPECT_EQ(D("case \"$a\" in x|y) b;; (z) c ;; *) ;; esac"),
            "case \"$a\" in x|y{(b)} z{(c)} *{}");
  EXPECT_EQ(D("case $a in\n  amd64) A=1 ;;\n  arm64) A=2 ;;\nesac; echo"),
            "case $a in amd64{(A=1)} arm64{(A=2)}; (echo)");
}

TEST(ParserTest, FunctionsArithmeticAndTests) {
  EXPECT_EQ(D("f() { echo; }; f"), "function f{brace{(echo)}}; (f)");
  EXPECT_EQ(D("function g { x; }"), "function g{brace{(x)}}");
  EXPECT_EQ(D("(( i += 1 )) && a"), "arith(( i += 1 )) && (a)");
  EXPECT_EQ(D("[[ -n $a && $b < 3 ]] || exit 1"),
            "test[-n $a && $b < 3] || (exit 1)");
}

TEST(ParserTest, ReservedWordsOnlyAtCommandPosition) {
  EXPECT_EQ(D("echo if then fi"), "(echo if then fi)");
  EXPECT_EQ(D("echo done; echo }"), "(echo done); (echo })");
}

TEST(ParserTest, HereDocuments) {
  EXPECT_EQ(D("cat <<EOF >f\nline $x\nEOF\necho next"),
            "(cat <<EOF{line $x\n} >f); (echo next)");
  EXPECT_EQ(D("cat <<-'END'\n\tindented\n\tEND\n"),
            "(cat <<-'END'{indented\n})");
  EXPECT_EQ(D("a <<A; b <<B\n1\nA\n2\nB\nc"),
            "(a <<A{1\n}); (b <<B{2\n}); (c)");
  Script s = ParseScript("cat <<EOF\nno end");
  ASSERT_EQ(s.errors.size(), 1u);
  EXPECT_EQ(s.errors[0].message,
            "here-document delimited by end of input (wanted \"EOF\")");
}

TEST(ParserTest, CommandSubstitutionsAreParsed) {
  EXPECT_EQ(D("echo $(dpkg --print-architecture | cut -d- -f1)"),
            "(echo $[(dpkg --print-architecture) | (cut -d- -f1)])");
  EXPECT_EQ(D("x=`uname -r` y"), "(x=$[(uname -r)] y)");
  EXPECT_EQ(D("a \"$(b \"$(c)\")\""), "(a \"$[(b \"$[(c)]\")]\")");
  EXPECT_EQ(D("diff <(a) >(b)"), "(diff $[(a)] $[(b)])");
  EXPECT_EQ(D("echo $(case x in a) b;; esac)"), "(echo $[case x in a{(b)}])");
}

TEST(ParserTest, ErrorsAreReportedAndParsingResumes) {
  EXPECT_EQ(D("fi; echo ok"), "(echo ok) !0:unexpected \"fi\"");
  EXPECT_EQ(D("echo 'open"), "(echo 'open') !5:unterminated single quote");
  EXPECT_EQ(D("if a; then b"), "if{(a)}then{(b)} !12:expected \"fi\"");
  EXPECT_EQ(D("a && ; b"), "(a); (b) !5:expected a command after &&");
  EXPECT_EQ(D("(a"), "sub{(a)} !2:expected \")\" to close the subshell");
  EXPECT_EQ(D("a )"), "(a) !2:unexpected \")\"");
}

TEST(ParserTest, OffsetsPointIntoTheText) {
  Script s = ParseScript("  apt-get  install foo");
  const Command& c = s.body.items[0].pipelines[0].commands[0];
  EXPECT_EQ(c.begin, 2u);
  EXPECT_EQ(c.end, 22u);
  EXPECT_EQ(c.words[1].begin, 11u);
  EXPECT_EQ(c.words[1].end, 18u);
}

}  // namespace
}  // namespace mybuild::lint::shell
