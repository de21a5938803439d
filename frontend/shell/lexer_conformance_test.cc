// Runs BuildKit's own lexer data (../shared/conformance/buildkit-shell) in
// place: envVarTest through ProcessWord, wordsTest through ProcessWords.
#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

#include "base/fd.h"
#include "base/testing/shared_data.h"
#include "frontend/shell/lexer.h"

namespace mybuild::frontend::shell {
namespace {

std::string Trim(std::string_view s) {
  const char* ws = " \t\r\n";
  const size_t b = s.find_first_not_of(ws);
  if (b == std::string_view::npos) return "";
  return std::string(s.substr(b, s.find_last_not_of(ws) - b + 1));
}

std::vector<std::string> Split(const std::string& s, char sep) {
  std::vector<std::string> parts;
  size_t start = 0;
  for (size_t i; (i = s.find(sep, start)) != std::string::npos; start = i + 1) {
    parts.push_back(s.substr(start, i - start));
  }
  parts.push_back(s.substr(start));
  return parts;
}

std::vector<std::string> Lines(const std::string& path) {
  Expected<std::string> text = ReadFile(path);
  EXPECT_TRUE(text.ok()) << text.status().message();
  std::vector<std::string> lines = Split(text.ok() ? *text : "", '\n');
  if (!lines.empty() && lines.back().empty()) lines.pop_back();
  return lines;
}

TEST(LexerConformance, EnvVarTestUnixAndAllLines) {
  MYBUILD_REQUIRE_SHARED_DATA(shared);
  const Env env =
      Env::FromList({"PWD=/home", "SHELL=bash", "KOREAN=한국어", "NULL="});
  const Lexer lexer('\\');
  int checked = 0;
  const auto lines = Lines(shared + "/conformance/buildkit-shell/envVarTest");
  for (size_t n = 0; n < lines.size(); ++n) {
    const std::string& line = lines[n];
    if (line.rfind('#', 0) == 0 || Trim(line).empty()) continue;
    const std::vector<std::string> f = Split(Trim(line), '|');
    ASSERT_EQ(f.size(), 3u) << "line " << n + 1;
    const std::string platform = Trim(f[0]);
    if (platform == "W") continue;  // Windows-only (case-insensitive names)
    ASSERT_TRUE(platform == "A" || platform == "U") << "line " << n + 1;
    const std::string source = Trim(f[1]), expected = Trim(f[2]);
    Expected<std::string> got = lexer.ProcessWord(source, env);
    if (expected == "error") {
      EXPECT_FALSE(got.ok()) << "line " << n + 1 << ": " << source << " gave "
                             << (got.ok() ? *got : "");
    } else {
      ASSERT_TRUE(got.ok())
          << "line " << n + 1 << ": " << got.status().message();
      EXPECT_EQ(*got, expected) << "line " << n + 1 << ": " << source;
    }
    ++checked;
  }
  EXPECT_EQ(checked, 228);
}

TEST(LexerConformance, WordsTestEveryLine) {
  MYBUILD_REQUIRE_SHARED_DATA(shared);
  std::vector<std::string> entries;
  const Lexer lexer('\\');
  int checked = 0;
  const auto lines = Lines(shared + "/conformance/buildkit-shell/wordsTest");
  for (size_t n = 0; n < lines.size(); ++n) {
    const std::string& line = lines[n];
    if (line.rfind('#', 0) == 0) continue;
    if (line.rfind("ENV ", 0) == 0) {
      entries.push_back(line.substr(line.find_first_not_of(' ', 3)));
      continue;
    }
    const std::vector<std::string> f = Split(line, '|');
    ASSERT_EQ(f.size(), 2u) << "line " << n + 1;
    const size_t lead = f[1].find_first_not_of(' ');
    const std::vector<std::string> expected =
        Split(lead == std::string::npos ? "" : f[1].substr(lead), ',');
    Expected<std::vector<std::string>> got =
        lexer.ProcessWords(Trim(f[0]), Env::FromList(entries));
    const std::vector<std::string> words =
        got.ok() ? *got : std::vector<std::string>{"error"};
    EXPECT_EQ(words, expected) << "line " << n + 1 << ": " << f[0];
    ++checked;
  }
  EXPECT_EQ(checked, 24);
}

}  // namespace
}  // namespace mybuild::frontend::shell
