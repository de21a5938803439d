#include "frontend/shell/lexer.h"

#include <gtest/gtest.h>

namespace mybuild::frontend::shell {
namespace {

using Words = std::vector<std::string>;
using Names = std::set<std::string>;

std::string Word(std::string_view src, const Env& env, char32_t esc = '\\') {
  Expected<std::string> got = Lexer(esc).ProcessWord(src, env);
  EXPECT_TRUE(got.ok()) << src << ": " << got.status().message();
  return got.ok() ? *got : "<error>";
}

std::string Error(std::string_view src, const Env& env,
                  const LexerOptions& options = {}) {
  Expected<Expansion> got = Lexer(options).Expand(src, env);
  EXPECT_FALSE(got.ok()) << src << " gave " << (got.ok() ? got->word : "");
  EXPECT_EQ(got.status().code(), ErrorCode::kInvalidArgument);
  return got.status().message();
}

TEST(Lexer, ErrorMessagesNameTheWordAndTheReason) {
  const Env env = Env::FromList({"NULL=", "SET=x"});
  EXPECT_EQ(Error("he${}", env),
            "failed to process \"he${}\": syntax error: bad substitution");
  EXPECT_EQ(Error("${aaa", env),
            "failed to process \"${aaa\": syntax error: missing '}'");
  EXPECT_EQ(Error("${aaa:-bbb", env),
            "failed to process \"${aaa:-bbb\": syntax error: missing '}'");
  EXPECT_EQ(Error("${", env),
            "failed to process \"${\": syntax error: missing '}'");
  EXPECT_EQ(Error("'abc", env),
            "failed to process \"'abc\": unexpected end of statement while "
            "looking for matching single-quote");
  EXPECT_EQ(Error("\"abc\\\"", env),
            "failed to process \"\\\"abc\\\\\\\"\": unexpected end of "
            "statement while looking for matching double-quote");
  EXPECT_EQ(Error("${X:YYY}", env),
            "failed to process \"${X:YYY}\": unsupported modifier (:Y) in "
            "substitution");
  EXPECT_EQ(Error("${X=a}", env),
            "failed to process \"${X=a}\": unsupported modifier (=) in "
            "substitution");
  EXPECT_EQ(Error("${SET:#x}", env),
            "failed to process \"${SET:#x}\": unsupported modifier (:#) in "
            "substitution");
  EXPECT_EQ(Error("${SET:%x}", env),
            "failed to process \"${SET:%x}\": unsupported modifier (:%) in "
            "substitution");
  EXPECT_EQ(Error("${X//ww}", env),
            "failed to process \"${X//ww}\": syntax error: missing '/' in ${}");
  EXPECT_EQ(Error("${X//}", env),
            "failed to process \"${X//}\": syntax error: missing '/' in ${}");
  EXPECT_EQ(Error("${SET#\\x}", env),
            "failed to process \"${SET#\\\\x}\": invalid pattern (\\x) in "
            "substitution: invalid escape '\\x'");
  EXPECT_EQ(Error("a\tb\n${", env),
            "failed to process \"a\\tb\\n${\": syntax error: missing '}'");
}

// Each expansion may at most reach Lexer::kMaxWordBytes, checked while the
// result grows, so no form of repetition builds a huge string first.
TEST(Lexer, ResultsAreCappedWhileTheyGrow) {
  const std::string half(Lexer::kMaxWordBytes / 2, 'a');
  const Env env = Env::FromList({"H=" + half, "X=x"});
  EXPECT_EQ(Word("$H$H", env).size(), Lexer::kMaxWordBytes);
  EXPECT_EQ(Error("$H$H$X", env),
            "expanding \"$H$H$X\": the result would be over 1 MiB");
  EXPECT_EQ(Error("\"${H}${H}\"x${X}", env),
            "expanding \"\\\"${H}${H}\\\"x${X}\": the result would be over 1 MiB");
  EXPECT_EQ(Error("${X:+$H$H$H}", env),
            "expanding \"${X:+$H$H$H}\": the result would be over 1 MiB");
  EXPECT_EQ(Error("${X/x/$H$H$H}", env),
            "expanding \"${X/x/$H$H$H}\": the result would be over 1 MiB");
  // A long word of plain text is not expansion: it may stay as long.
  const std::string text(Lexer::kMaxWordBytes + 10, 't');
  EXPECT_EQ(Word(text, env), text);
  EXPECT_EQ(Error(text + "$H", env).substr(0, 10), "expanding ");
}

TEST(Lexer, ErrorsQuoteTheWordAsGoPercentQ) {
  // BuildKit wraps the error with %q, i.e. strconv.Quote: \a \b \f \v by
  // name, runes that are not printable as \u escapes, invalid bytes as \x.
  const std::string word = "\a\b\f\v\x7f\xC2\xA0\xE2\x80\x8B\xFF\xC3\xA9${";
  EXPECT_EQ(Error(word, Env()),
            "failed to process "
            "\"\\a\\b\\f\\v\\x7f\\u00a0\\u200b\\xff\xC3\xA9${\": "
            "syntax error: missing '}'");
}

TEST(Lexer, RequiredVariables) {
  const Env set = Env::FromList({"VAR=plain", "ARG=x"});
  const Env empty = Env::FromList({"VAR=", "ARG=x"});
  const Env unset = Env::FromList({"ARG=x"});
  EXPECT_EQ(Word("${VAR:?message here$ARG}", set), "plain");
  EXPECT_EQ(Error("${VAR:?message here$ARG}", empty),
            "failed to process \"${VAR:?message here$ARG}\": VAR: message "
            "herex");
  EXPECT_EQ(Error("${VAR:?message here$ARG}", unset),
            "failed to process \"${VAR:?message here$ARG}\": VAR: message "
            "herex");
  EXPECT_EQ(Word("${VAR?message}", set), "plain");
  EXPECT_EQ(Word("${VAR?message}", empty), "");
  EXPECT_EQ(Error("${VAR?}", unset),
            "failed to process \"${VAR?}\": VAR: is not allowed to be unset");
  EXPECT_EQ(Error("${VAR:?}", empty),
            "failed to process \"${VAR:?}\": VAR: is not allowed to be empty");
}

TEST(Lexer, DefaultsAndAlternatives) {
  const Env env = Env::FromList({"FOO=xxx", "BAR="});
  EXPECT_EQ(Word("${FOO-aaa} ${BAR-bbb} ${BAZ-ccc}", env), "xxx  ccc");
  EXPECT_EQ(Word("${FOO:-aaa} ${BAR:-bbb} ${BAZ:-ccc}", env), "xxx bbb ccc");
  EXPECT_EQ(Word("${FOO+aaa} ${BAR+bbb} ${BAZ+ccc}", env), "aaa bbb ");
  EXPECT_EQ(Word("${FOO:+aaa} ${BAR:+bbb} ${BAZ:+ccc}", env), "aaa  ");
  EXPECT_EQ(Word("${BAZ:-'a}b'}", env), "a}b");  // quotes inside the word
  EXPECT_EQ(Word("${BAZ:-a\\}b}", env), "a}b");
}

TEST(Lexer, PatternOperators) {
  const Env env = Env::FromList(
      {"FOO=xxyy", "BAR=x", "EMPTY=", "PATH=/a/foo/b/c.txt", "H=#*x"});
  EXPECT_EQ(Word("${FOO#$BAR}", env), "xyy");
  EXPECT_EQ(Word("${FOO#$EMPTY}", env), "xxyy");
  EXPECT_EQ(Word("${FOO##*x}", env), "yy");
  EXPECT_EQ(Word("${FOO#*x}", env), "xyy");
  EXPECT_EQ(Word("${FOO%y}", env), "xxy");
  EXPECT_EQ(Word("${FOO%%y*}", env), "xx");
  EXPECT_EQ(Word("${ABC:-.}${FOO%x}${ABC:-.}", env), ".xxyy.");
  EXPECT_EQ(Word("${FOO#$H}", env), "yy");  // "##" after expansion: longest
  EXPECT_EQ(Word("${UNSET#x}", env), "");
  EXPECT_EQ(Word("${PATH/\\/?\\//\\/}", env), "\\/foo/b/c.txt");
  EXPECT_EQ(Word("${PATH//\\//_}", env), "_a_foo_b_c.txt");
  EXPECT_EQ(Word("${FOO/$EMPTY/ww}", env), "wwxxyy");
  EXPECT_EQ(Word("${FOO///}", env), "xxyy");
  EXPECT_EQ(Word("${UNSET///}", env), "");
  EXPECT_EQ(Word("${FOO//y/\"$BAR\"}", env), "xxxx");
}

TEST(Lexer, BacktickEscape) {
  const Env env = Env::FromList({"PWD=/home"});
  EXPECT_EQ(Word("C:\\foo\\$PWD", env, '`'), "C:\\foo\\/home");
  EXPECT_EQ(Word("`$PWD", env, '`'), "$PWD");
  EXPECT_EQ(Word("a`b", env, '`'), "ab");
  EXPECT_EQ(Word("\"a`\"b\\\"", env, '`'), "a\"b\\");
  EXPECT_EQ(Word("\"a`tb\"", env, '`'), "a`tb");
  EXPECT_EQ(Word("\"``\"", env, '`'), "`");
}

TEST(Lexer, WordsSplitOnUnquotedWhitespaceOnly) {
  const Env env = Env::FromList({"V=a b", "E="});
  const Lexer lexer;
  EXPECT_EQ(*lexer.ProcessWords("80/tcp  $V \"c d\" 'e f'", env),
            (Words{"80/tcp", "a", "b", "c d", "e f"}));
  EXPECT_EQ(*lexer.ProcessWords("x \"\" $E y", env), (Words{"x", "y"}));
  EXPECT_EQ(*lexer.ProcessWords("a\\ b\tc\u3000d", env),
            (Words{"a b", "c", "d"}));
  EXPECT_EQ(*lexer.ProcessWords("   ", env), Words{});
  EXPECT_EQ(lexer.ProcessWords("'a", env).status().message(),
            "failed to process \"'a\": unexpected end of statement while "
            "looking for matching single-quote");
}

TEST(Lexer, ReportsUsedNames) {
  const Env env = Env::FromList({"FOO=1", "BAR="});
  Expected<Expansion> e =
      Lexer().Expand("$FOO ${BAR:-$BAZ} ${QUX+x} $1 ${@} $$", env);
  ASSERT_TRUE(e.ok());
  EXPECT_EQ(e->matched, (Names{"BAR", "FOO"}));
  EXPECT_EQ(e->unmatched, (Names{"$", "1", "@", "BAZ", "QUX"}));
  Names used;
  EXPECT_EQ(*Lexer().ProcessWord("'$NOT' \\$NOT $FOO${X}", env, &used),
            "$NOT $NOT 1");
  EXPECT_EQ(used, (Names{"FOO", "X"}));
  used.clear();
  EXPECT_EQ(*Lexer().ProcessWords("$A ${B:-$C}", env, &used), Words{});
  EXPECT_EQ(used, (Names{"A", "B", "C"}));
}

TEST(Lexer, NamesAreUnicodeAware) {
  const Env env = Env::FromList({"PWD=/home", "PWD한=kr", "_x1=u"});
  EXPECT_EQ(Word("$PWD한", env), "kr");
  EXPECT_EQ(Word("$PWD-한", env), "/home-한");
  EXPECT_EQ(Word("$_x1.", env), "u.");
  EXPECT_EQ(Word("$\u0663x", env), "x");  // an Nd digit starts a positional
}

TEST(Lexer, InvalidUtf8BecomesReplacementAndBomIsDropped) {
  const Env env;
  EXPECT_EQ(Word("a\xFF"
                 "b",
                 env),
            "a\xEF\xBF\xBD"
            "b");
  EXPECT_EQ(Word("\xEF\xBB\xBF"
                 "a\xEF\xBB\xBF",
                 env),
            "a\xEF\xBB\xBF");
  // Values are inserted as they are.
  EXPECT_EQ(Word("$V", Env::FromList({"V=\xFF"})), "\xFF");
}

TEST(Lexer, Options) {
  const Env env = Env::FromList({"SET=v"});
  LexerOptions raw;
  raw.raw_quotes = true;
  EXPECT_EQ(*Lexer(raw).ProcessWord("'a b'\"$SET\"", env), "'a b'\"v\"");
  LexerOptions escapes;
  escapes.raw_escapes = true;
  EXPECT_EQ(*Lexer(escapes).ProcessWord("a\\$SET \\n", env), "a\\$SET \\n");
  LexerOptions heredoc;
  heredoc.skip_process_quotes = true;
  EXPECT_EQ(*Lexer(heredoc).ProcessWord("'$SET' \"x", env), "'v' \"x");
  LexerOptions keep;
  keep.skip_unset_env = true;
  EXPECT_EQ(*Lexer(keep).ProcessWord(
                "$U ${U} ${U:-a} ${U#x} ${U//a/b} ${U/a/b} $SET", env),
            "$U ${U} ${U:-a} ${U#x} ${U//a/b} ${U/a/b} v");
}

TEST(Lexer, ReplaceAllCannotExplode) {
  // Each level inserts the inner result around all 10 characters of X.
  const Env env = Env::FromList({"X=abcdefghij"});
  std::string word = "yy";
  for (int i = 0; i < 5; ++i) word = "${X///" + word + "}";
  // Length L(k) = 10 + 11 * L(k-1), L(0) = 2.
  EXPECT_EQ(Word(word, env).size(), 483152u);
  word = "${X///" + word + "}";
  EXPECT_EQ(Error(word, env),
            "failed to process \"" + word +
                "\": result of ${...//...} longer than 1048576 bytes");
}

TEST(Lexer, NestingIsBounded) {
  std::string deep;
  for (int i = 0; i < 100; ++i) deep += "${A:-";
  deep += "x" + std::string(100, '}');
  EXPECT_EQ(Word(deep, Env()), "x");
  const std::string deeper = "${A:-" + deep + "}";
  EXPECT_EQ(Error(deeper, Env()),
            "failed to process \"" + deeper +
                "\": syntax error: substitutions nested too deeply");
}

}  // namespace
}  // namespace mybuild::frontend::shell
