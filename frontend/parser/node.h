// The raw Dockerfile tree: one Node per instruction, before any validation,
// and its dump in the exact format of BuildKit's Node.Dump().
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace mybuild::frontend::parser {

// A here-document attached to a RUN/COPY/ADD line (`<<EOF` ... `EOF`).
struct Heredoc {
  std::string name;     // the delimiter with quotes and escapes removed
  uint64_t fd = 0;      // `3<<EOF` gives 3; 0 when not written
  bool expand = true;   // false when any part of the delimiter was quoted
  bool chomp = false;   // `<<-`: leading tabs are stripped (by the consumer)
  std::string content;  // the body lines verbatim, each with its line ending
};

// One instruction. For the root node (see ParseResult) only `children`,
// `start_line` and `end_line` are meaningful.
struct Node {
  std::string value;               // lower-cased keyword: "run", "from", ...
  std::vector<std::string> flags;  // `--name=value` words, quotes removed
  std::vector<std::string> args;   // the arguments, unexpanded
  // ONBUILD's trigger is one nested instruction here (and `args` is empty);
  // for the root, the instructions in source order.
  std::vector<Node> children;
  bool json = false;               // arguments came from a JSON array
  std::vector<Heredoc> heredocs;   // in the order of their markers
  std::string original;            // the logical line (continuations joined)
  std::vector<std::string> prev_comments;  // comment lines right above
  int start_line = 0;              // 1-based, first physical line
  int end_line = 0;                // last physical line (heredoc end incl.)
};

// BuildKit's dump of `node`. For the root (empty value, some children): one
// `(instruction)` per line with no trailing newline. For an instruction: its
// keyword, flags and quoted arguments (conformance/buildkit-parser/README.md).
std::string Dump(const Node& node);

}  // namespace mybuild::frontend::parser
