// The raw Dockerfile parser: text in, a tree of Nodes out, matching
// BuildKit's parser (github.com/moby/buildkit frontend/dockerfile/parser)
// byte for byte. No validation of instructions happens here; unknown
// keywords are kept. See //frontend for the typed, validated layer.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "frontend/parser/directives.h"
#include "frontend/parser/node.h"

namespace mybuild::frontend::parser {

// A problem that does not stop parsing. BuildKit reports one kind: a blank
// line inside a continuation ("empty continuation line").
struct ParseWarning {
  std::string message;  // "Empty continuation line found in: RUN a b"
  int line = 0;         // 1-based: the instruction's last line, as BuildKit
};

struct ParseResult {
  Node root;            // children: the instructions in source order
  char escape = '\\';   // the escape token in force (`\` or a backtick)
  std::vector<Directive> directives;
  std::vector<ParseWarning> warnings;
};

// bufio.Scanner's limit, as BuildKit's: a line (without its '\n'; after the
// byte order mark, if any) may hold this many bytes.
inline constexpr size_t kMaxLineBytes = 65535;

// Where and why parsing failed.
struct ParseError {
  std::string message;  // without location, e.g. "unterminated heredoc"
  int start_line = 0;   // 1-based span of the offending instruction
  int end_line = 0;
};

// Parses a whole Dockerfile. Accepts LF and CRLF line endings and a leading
// UTF-8 byte order mark. Fails (InvalidArgument, message "line N: why") on:
// no instruction at all ("file with no instructions"), a line longer than
// 65535 bytes, a bad or repeated directive, a JSON array with non-strings,
// ENV/LABEL without a value or `=`, and a heredoc without its terminator.
// When `error` is given it receives the message and line span on failure.
Expected<ParseResult> Parse(std::string_view text, ParseError* error = nullptr);

}  // namespace mybuild::frontend::parser
