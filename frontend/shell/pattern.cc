#include "frontend/shell/pattern.h"

#include <algorithm>
#include <utility>

#include "frontend/unicode/classes.h"
#include "frontend/unicode/utf8.h"

namespace mybuild::frontend::shell {

using unicode::AppendRune;
using unicode::IsDigit;
using unicode::IsLetter;
using unicode::NextRune;

struct ShellPattern::Runes {
  explicit Runes(std::string_view s) {
    for (size_t pos = 0; pos < s.size();) {
      offsets.push_back(pos);
      runes.push_back(NextRune(s, &pos));
    }
    offsets.push_back(s.size());
  }
  std::vector<char32_t> runes;
  std::vector<size_t> offsets;  // byte offset of each rune, then the size
};

namespace {

// Go's regexp template expansion when the only group is the whole match.
std::string ExpandTemplate(std::string_view tmpl, std::string_view match) {
  std::string out;
  while (!tmpl.empty()) {
    const size_t dollar = tmpl.find('$');
    out.append(tmpl.substr(0, dollar));
    if (dollar == std::string_view::npos) break;
    tmpl.remove_prefix(dollar + 1);
    if (!tmpl.empty() && tmpl[0] == '$') {
      out.push_back('$');
      tmpl.remove_prefix(1);
      continue;
    }
    const bool brace = !tmpl.empty() && tmpl[0] == '{';
    size_t i = brace ? 1 : 0;
    const size_t name_begin = i;
    while (i < tmpl.size()) {
      size_t next = i;
      const char32_t r = NextRune(tmpl, &next);
      if (!IsLetter(r) && !IsDigit(r) && r != '_') break;
      i = next;
    }
    const std::string_view name = tmpl.substr(name_begin, i - name_begin);
    if (name.empty() || (brace && (i >= tmpl.size() || tmpl[i] != '}'))) {
      out.push_back('$');  // malformed: the '$' is literal text
      continue;
    }
    tmpl.remove_prefix(brace ? i + 1 : i);
    if (name == "0") out.append(match);
  }
  return out;
}

}  // namespace

Expected<ShellPattern> ShellPattern::Parse(std::string_view pattern) {
  ShellPattern p;
  for (size_t pos = 0; pos < pattern.size();) {
    char32_t r = NextRune(pattern, &pos);
    if (r == '*' || r == '?') {
      p.tokens_.push_back({r == '*' ? Kind::kAnyRun : Kind::kAnyOne, 0});
      continue;
    }
    if (r == '\\') {
      if (pos >= pattern.size()) {
        return InvalidArgument("invalid escape at end of pattern");
      }
      const char32_t next = NextRune(pattern, &pos);
      if (next == '}' || next == '/') {
        r = next;  // the escape only hid it from the ${...} scanner
      } else if (next == '*' || next == '?' || next == '\\') {
        r = next;
      } else {
        std::string shown = "invalid escape '\\";
        AppendRune(&shown, next);
        return InvalidArgument(shown + "'");
      }
    }
    p.tokens_.push_back({Kind::kLiteral, r});
  }
  return p;
}

std::string ShellPattern::TrimPrefix(std::string_view value,
                                     bool longest) const {
  const Runes v(value);
  const auto match = Search(tokens_, v.runes, 0, /*anchored=*/true, longest);
  if (!match) return std::string(value);
  return std::string(value.substr(v.offsets[match->end]));
}

std::string ShellPattern::TrimSuffix(std::string_view value,
                                     bool longest) const {
  const Runes v(value);
  std::vector<char32_t> reversed(v.runes.rbegin(), v.runes.rend());
  std::vector<Token> tokens(tokens_.rbegin(), tokens_.rend());
  const auto match = Search(tokens, reversed, 0, /*anchored=*/true, longest);
  if (!match) return std::string(value);
  return std::string(value.substr(0, v.offsets[v.runes.size() - match->end]));
}

std::string ShellPattern::ReplaceFirst(std::string_view value,
                                       std::string_view repl) const {
  const Runes v(value);
  const auto match = Search(tokens_, v.runes, 0, /*anchored=*/false, true);
  if (!match) return std::string(value);
  std::string out(value.substr(0, v.offsets[match->start]));
  out.append(repl);
  out.append(value.substr(v.offsets[match->end]));
  return out;
}

Expected<std::string> ShellPattern::ReplaceAll(std::string_view value,
                                               std::string_view repl,
                                               size_t max_size) const {
  const Runes v(value);
  const auto& off = v.offsets;
  std::string out;
  size_t last_end = 0, search = 0;
  while (search <= v.runes.size()) {
    const auto m = Search(tokens_, v.runes, search, /*anchored=*/false, true);
    if (!m) break;
    out.append(value.substr(off[last_end], off[m->start] - off[last_end]));
    if (m->end > last_end || m->start == 0) {
      out.append(ExpandTemplate(
          repl, value.substr(off[m->start], off[m->end] - off[m->start])));
    }
    if (out.size() > max_size) {
      return InvalidArgument("result of ${...//...} longer than " +
                             std::to_string(max_size) + " bytes");
    }
    last_end = m->end;
    search = m->end > search ? m->end : search + 1;
  }
  out.append(value.substr(off[last_end]));
  if (out.size() > max_size) {
    return InvalidArgument("result of ${...//...} longer than " +
                           std::to_string(max_size) + " bytes");
  }
  return out;
}

}  // namespace mybuild::frontend::shell
