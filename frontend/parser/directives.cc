#include "frontend/parser/directives.h"

#include <cctype>

namespace mybuild::frontend::parser {
namespace {

bool IsRegexSpace(char c) {  // RE2's \s
  return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
}

bool IsAsciiAlpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

}  // namespace

std::optional<Directive> MatchDirective(std::string_view line) {
  if (line.empty() || line[0] != '#') return std::nullopt;
  size_t i = 1;
  while (i < line.size() && IsRegexSpace(line[i])) ++i;
  const size_t name_start = i;
  if (i >= line.size() || !IsAsciiAlpha(line[i])) return std::nullopt;
  while (i < line.size() && (IsAsciiAlpha(line[i]) ||
                             (line[i] >= '0' && line[i] <= '9'))) {
    ++i;
  }
  Directive d;
  d.name = std::string(line.substr(name_start, i - name_start));
  while (i < line.size() && IsRegexSpace(line[i])) ++i;
  if (i >= line.size() || line[i] != '=') return std::nullopt;
  ++i;
  size_t value_start = i;
  while (value_start < line.size() && IsRegexSpace(line[value_start])) {
    ++value_start;
  }
  if (value_start == line.size()) {
    // Only blanks after `=`: the lazy value still needs one character, so
    // the greedy \s* gives back the last blank.
    if (value_start == i) return std::nullopt;
    --value_start;
    d.value = std::string(line.substr(value_start));
    return d;
  }
  size_t end = line.size();
  while (end > value_start && IsRegexSpace(line[end - 1])) --end;
  d.value = std::string(line.substr(value_start, end - value_start));
  return d;
}

Expected<std::optional<Directive>> DirectiveScanner::Feed(
    std::string_view line, int number) {
  if (done_) return std::optional<Directive>();
  std::optional<Directive> d = MatchDirective(line);
  if (d) {
    for (char& c : d->name) c = static_cast<char>(std::tolower(c));
  }
  if (!d || (d->name != "syntax" && d->name != "escape" &&
             d->name != "check")) {
    done_ = true;
    return std::optional<Directive>();
  }
  if (!seen_.insert(d->name).second) {
    return InvalidArgument("only one " + d->name +
                           " parser directive can be used");
  }
  if (d->name == "escape" && d->value != "\\" && d->value != "`") {
    return InvalidArgument("invalid escape token '" + d->value +
                           "' does not match ` or \\");
  }
  d->line = number;
  return d;
}

}  // namespace mybuild::frontend::parser
