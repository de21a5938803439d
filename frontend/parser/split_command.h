// Splitting an instruction line into keyword, `--flags` and argument text.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace mybuild::frontend::parser {

struct SplitLine {
  std::string keyword;             // lower-cased (strings.ToLower)
  std::vector<std::string> flags;  // leading `--x` words, quotes removed
  std::string_view rest;           // the argument text, trimmed
};

// The line is trimmed; the keyword ends at the first run of [ \t\v\f\r].
// Flag words follow while the next word starts with `--`; inside them quotes
// group and `\` escapes (whatever the escape directive says), byte by byte as
// BuildKit does. A bare `--` ends the flags and is dropped. `rest` points into
// `line`.
SplitLine SplitCommand(std::string_view line);

// True for the bytes [ \t\v\f\r] that separate keyword and plain arguments.
inline bool IsArgSeparator(char c) {
  return c == ' ' || c == '\t' || c == '\v' || c == '\f' || c == '\r';
}

// regexp `[\t\v\f\r ]+` Split(s, -1) and Split(s, 2).
std::vector<std::string_view> SplitOnSeparators(std::string_view s,
                                                size_t max_parts);

}  // namespace mybuild::frontend::parser
