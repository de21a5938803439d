#include "frontend/shell/lexer.h"

#include <cstdio>

#include "frontend/shell/word_scanner.h"
#include "frontend/unicode/utf8.h"

namespace mybuild::frontend::shell {

using unicode::NextRune;
using unicode::kRuneError;

namespace {

// The word in double quotes the way Go's %q shows it for ordinary text:
// `"` and `\` escaped, control characters and invalid bytes as escapes.
std::string Quote(std::string_view s) {
  std::string out = "\"";
  for (size_t pos = 0; pos < s.size();) {
    const size_t start = pos;
    const char32_t r = NextRune(s, &pos);
    char buf[8];
    if (r == kRuneError && pos - start == 1) {
      std::snprintf(buf, sizeof buf, "\\x%02x",
                    static_cast<unsigned char>(s[start]));
      out += buf;
    } else if (r == '"' || r == '\\') {
      out += '\\';
      out += static_cast<char>(r);
    } else if (r == '\n') {
      out += "\\n";
    } else if (r == '\t') {
      out += "\\t";
    } else if (r == '\r') {
      out += "\\r";
    } else if (r < 0x20 || r == 0x7F) {
      std::snprintf(buf, sizeof buf, "\\x%02x", static_cast<unsigned>(r));
      out += buf;
    } else {
      out.append(s.substr(start, pos - start));
    }
  }
  return out + "\"";
}

void AddUsed(const Expansion& e, std::set<std::string>* used) {
  if (used == nullptr) return;
  used->insert(e.matched.begin(), e.matched.end());
  used->insert(e.unmatched.begin(), e.unmatched.end());
}

}  // namespace

Expected<Expansion> Lexer::Expand(std::string_view word, const Env& env) const {
  Expansion expansion;
  internal::WordScanner scanner(word, options_, env, &expansion);
  if (Status st = scanner.Run(); !st.ok()) {
    return st.WithPrefix("failed to process " + Quote(word));
  }
  return expansion;
}

Expected<std::string> Lexer::ProcessWord(std::string_view word, const Env& env,
                                         std::set<std::string>* used) const {
  ASSIGN_OR_RETURN(Expansion e, Expand(word, env));
  AddUsed(e, used);
  return std::move(e.word);
}

Expected<std::vector<std::string>> Lexer::ProcessWords(
    std::string_view word, const Env& env, std::set<std::string>* used) const {
  ASSIGN_OR_RETURN(Expansion e, Expand(word, env));
  AddUsed(e, used);
  return std::move(e.words);
}

}  // namespace mybuild::frontend::shell
