#include "frontend/parser/heredoc.h"

#include <algorithm>
#include <cstdint>
#include <limits>
#include <string>

#include "frontend/parser/heredoc_lexer.h"

namespace mybuild::frontend::parser {
namespace {

bool IsRegexSpace(char c) {  // RE2's \s
  return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
}

// strconv.ParseUint(digits, 10, 0) with its error ignored: 0 when empty,
// the maximum on overflow.
uint64_t ParseFd(std::string_view digits) {
  uint64_t v = 0;
  for (char c : digits) {
    unsigned d = static_cast<unsigned>(c - '0');
    if (v > (std::numeric_limits<uint64_t>::max() - d) / 10) {
      return std::numeric_limits<uint64_t>::max();
    }
    v = v * 10 + d;
  }
  return v;
}

size_t CountQuotes(const std::string& s) {
  return static_cast<size_t>(std::count(s.begin(), s.end(), '\'') +
                             std::count(s.begin(), s.end(), '"'));
}

}  // namespace

Expected<std::optional<Heredoc>> ParseHeredocWord(std::string_view word) {
  size_t i = 0;
  while (i < word.size() && word[i] >= '0' && word[i] <= '9') ++i;
  const std::string_view digits = word.substr(0, i);
  if (word.substr(i, 2) != "<<") return std::optional<Heredoc>();
  i += 2;
  const bool chomp = i < word.size() && word[i] == '-';
  if (chomp) ++i;
  while (i < word.size() && IsRegexSpace(word[i])) ++i;
  const std::string_view rest = word.substr(i);
  if (rest.empty() || rest.find('<') != std::string_view::npos) {
    return std::optional<Heredoc>();
  }
  // Lexing with and without quotes kept tells whether any part was quoted:
  // escaped quotes survive both, so only real quoting changes the count.
  ASSIGN_OR_RETURN(std::vector<std::string> words, LexWords(rest, {}));
  if (words.size() != 1) return std::optional<Heredoc>();
  ASSIGN_OR_RETURN(std::vector<std::string> raw,
                   LexWords(rest, {.raw_quotes = true}));
  if (raw.size() != words.size()) {
    return InvalidArgument(
        "internal lexing of heredoc produced inconsistent results: " +
        std::string(rest));
  }
  Heredoc heredoc;
  heredoc.name = words[0];
  heredoc.fd = ParseFd(digits);
  heredoc.chomp = chomp;
  heredoc.expand = CountQuotes(words[0]) == CountQuotes(raw[0]);
  return std::optional<Heredoc>(std::move(heredoc));
}

Expected<std::vector<Heredoc>> HeredocsFromLine(std::string_view line) {
  std::vector<Heredoc> docs;
  Expected<std::vector<std::string>> words =
      LexWords(line, {.raw_quotes = true, .raw_escapes = true});
  if (!words.ok()) return docs;
  for (const std::string& word : *words) {
    ASSIGN_OR_RETURN(std::optional<Heredoc> heredoc, ParseHeredocWord(word));
    if (heredoc) docs.push_back(std::move(*heredoc));
  }
  return docs;
}

}  // namespace mybuild::frontend::parser
