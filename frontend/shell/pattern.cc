#include "frontend/shell/pattern.h"

#include <algorithm>
#include <utility>

#include "frontend/shell/unicode.h"

namespace mybuild::frontend::shell {

struct ShellPattern::Runes {
  explicit Runes(std::string_view s) {
    for (size_t pos = 0; pos < s.size();) {
      offsets.push_back(pos);
      runes.push_back(DecodeRune(s, &pos));
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
      const char32_t r = DecodeRune(tmpl, &next);
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
    char32_t r = DecodeRune(pattern, &pos);
    if (r == '*' || r == '?') {
      p.tokens_.push_back({r == '*' ? Kind::kAnyRun : Kind::kAnyOne, 0});
      continue;
    }
    if (r == '\\') {
      if (pos >= pattern.size()) {
        return InvalidArgument("invalid escape at end of pattern");
      }
      const char32_t next = DecodeRune(pattern, &pos);
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

long ShellPattern::MatchEnd(const std::vector<Token>& tokens,
                            const std::vector<char32_t>& runes, size_t start,
                            bool longest) {
  const size_t m = tokens.size();
  std::vector<char> live(m + 1, 0), next(m + 1, 0);
  auto close = [&](std::vector<char>& set) {
    for (size_t i = 0; i < m; ++i) {
      if (set[i] && tokens[i].kind == Kind::kAnyRun) set[i + 1] = 1;
    }
  };
  live[0] = 1;
  close(live);
  long end = live[m] ? static_cast<long>(start) : -1;
  if (end >= 0 && !longest) return end;
  for (size_t k = start; k < runes.size(); ++k) {
    std::fill(next.begin(), next.end(), 0);
    bool any = false;
    const char32_t r = runes[k];
    for (size_t i = 0; i < m; ++i) {
      if (!live[i]) continue;
      const Token& t = tokens[i];
      if (t.kind == Kind::kAnyRun && r != '\n') next[i] = 1, any = true;
      if ((t.kind == Kind::kAnyOne && r != '\n') ||
          (t.kind == Kind::kLiteral && r == t.rune)) {
        next[i + 1] = 1, any = true;
      }
    }
    if (!any) break;
    close(next);
    live.swap(next);
    if (live[m]) {
      end = static_cast<long>(k + 1);
      if (!longest) return end;
    }
  }
  return end;
}

bool ShellPattern::FindLeftmost(const std::vector<char32_t>& runes, size_t from,
                                size_t* start, size_t* end) const {
  for (size_t s = from; s <= runes.size(); ++s) {
    const long e = MatchEnd(tokens_, runes, s, /*longest=*/true);
    if (e >= 0) {
      *start = s;
      *end = static_cast<size_t>(e);
      return true;
    }
  }
  return false;
}

std::string ShellPattern::TrimPrefix(std::string_view value,
                                     bool longest) const {
  const Runes v(value);
  const long end = MatchEnd(tokens_, v.runes, 0, longest);
  if (end < 0) return std::string(value);
  return std::string(value.substr(v.offsets[end]));
}

std::string ShellPattern::TrimSuffix(std::string_view value,
                                     bool longest) const {
  const Runes v(value);
  std::vector<char32_t> reversed(v.runes.rbegin(), v.runes.rend());
  std::vector<Token> tokens(tokens_.rbegin(), tokens_.rend());
  const long len = MatchEnd(tokens, reversed, 0, longest);
  if (len < 0) return std::string(value);
  return std::string(value.substr(0, v.offsets[v.runes.size() - len]));
}

std::string ShellPattern::ReplaceFirst(std::string_view value,
                                       std::string_view repl) const {
  const Runes v(value);
  size_t start = 0, end = 0;
  if (!FindLeftmost(v.runes, 0, &start, &end)) return std::string(value);
  std::string out(value.substr(0, v.offsets[start]));
  out.append(repl);
  out.append(value.substr(v.offsets[end]));
  return out;
}

std::string ShellPattern::ReplaceAll(std::string_view value,
                                     std::string_view repl) const {
  const Runes v(value);
  const auto& off = v.offsets;
  std::string out;
  size_t last_end = 0, search = 0, start = 0, end = 0;
  while (search <= v.runes.size() &&
         FindLeftmost(v.runes, search, &start, &end)) {
    out.append(value.substr(off[last_end], off[start] - off[last_end]));
    if (end > last_end || start == 0) {
      out.append(ExpandTemplate(
          repl, value.substr(off[start], off[end] - off[start])));
    }
    last_end = end;
    search = end > search ? end : search + 1;
  }
  out.append(value.substr(off[last_end]));
  return out;
}

}  // namespace mybuild::frontend::shell
