#include "frontend/parser/split_command.h"

#include "frontend/unicode/classes.h"
#include "frontend/unicode/go_strings.h"
#include "frontend/unicode/utf8.h"

namespace mybuild::frontend::parser {

using unicode::AppendRune;
using unicode::IsSpace;
using unicode::ToLower;
using unicode::TrimSpace;

namespace {

// unicode.IsSpace(rune(b)) on a single byte, as the flag scanner calls it.
bool IsByteSpace(unsigned char b) { return IsSpace(b); }

// extractBuilderFlags: returns the flags and sets *rest to the text after
// them. Quote and escape handling is per byte; a byte >= 0x80 is re-encoded
// as the Latin-1 rune it would be in Go's string(rune(b)).
std::vector<std::string> ExtractFlags(std::string_view line,
                                      std::string_view* rest) {
  enum { kSpaces, kWord, kQuote } phase = kSpaces;
  std::vector<std::string> words;
  std::string word;
  char quote = 0;
  bool blank_ok = false;
  auto append = [&word](unsigned char b) { AppendRune(&word, b); };
  for (size_t pos = 0; pos <= line.size(); ++pos) {
    const bool end = pos == line.size();
    const unsigned char c = end ? 0 : static_cast<unsigned char>(line[pos]);
    if (phase == kSpaces) {
      if (end) break;
      if (IsByteSpace(c)) continue;
      if (c != '-' || pos + 1 == line.size() || line[pos + 1] != '-') {
        *rest = line.substr(pos);
        return words;
      }
      phase = kWord;
    }
    if (end) {
      if (word != "--" && (blank_ok || !word.empty())) words.push_back(word);
      break;
    }
    if (phase == kWord) {
      if (IsByteSpace(c)) {
        phase = kSpaces;
        if (word == "--") {
          *rest = line.substr(pos);
          return words;
        }
        if (blank_ok || !word.empty()) words.push_back(word);
        word.clear();
        blank_ok = false;
        continue;
      }
      if (c == '\'' || c == '"') {
        quote = static_cast<char>(c);
        blank_ok = true;
        phase = kQuote;
        continue;
      }
      if (c == '\\') {
        if (pos + 1 == line.size()) continue;
        ++pos;
      }
      append(static_cast<unsigned char>(line[pos]));
      continue;
    }
    // kQuote
    if (c == static_cast<unsigned char>(quote)) {
      phase = kWord;
      continue;
    }
    if (c == '\\') {
      if (pos + 1 == line.size()) {
        phase = kWord;
        continue;
      }
      ++pos;
    }
    append(static_cast<unsigned char>(line[pos]));
  }
  *rest = std::string_view();
  return words;
}

}  // namespace

std::vector<std::string_view> SplitOnSeparators(std::string_view s,
                                                size_t max_parts) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  size_t i = 0;
  while (i < s.size()) {
    if (!IsArgSeparator(s[i]) || parts.size() + 1 == max_parts) {
      ++i;
      continue;
    }
    size_t j = i;
    while (j < s.size() && IsArgSeparator(s[j])) ++j;
    parts.push_back(s.substr(start, i - start));
    start = i = j;
  }
  parts.push_back(s.substr(start));
  return parts;
}

SplitLine SplitCommand(std::string_view line) {
  SplitLine out;
  std::vector<std::string_view> parts = SplitOnSeparators(TrimSpace(line), 2);
  out.keyword = ToLower(parts[0]);
  if (parts.size() == 2) {
    std::string_view rest;
    out.flags = ExtractFlags(parts[1], &rest);
    out.rest = TrimSpace(rest);
  }
  return out;
}

}  // namespace mybuild::frontend::parser
