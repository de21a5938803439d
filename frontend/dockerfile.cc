#include "frontend/dockerfile.h"

#include <algorithm>
#include <cctype>
#include <set>

#include "frontend/instruction_parser.h"
#include "frontend/parser/parser.h"
#include "frontend/unicode/go_strings.h"

namespace mybuild::frontend {
namespace {

constexpr int kMaxExcerptLines = 5;

// Formats errors as `FILE:LINE: message` plus the source lines involved.
class ErrorFormatter {
 public:
  ErrorFormatter(std::string_view text, const std::string& filename)
      : text_(text), filename_(filename) {}

  // `start`/`end` are 1-based; lines outside the file are not shown.
  Status Error(const std::string& message, int start, int end) const {
    if (end < start) end = start;
    const std::vector<std::string_view> lines = Lines();
    std::string out =
        filename_ + ":" + std::to_string(start) + ": " + message;
    for (int n = start; n <= end; ++n) {
      if (n < 1 || n > static_cast<int>(lines.size())) break;
      if (n - start == kMaxExcerptLines) {
        out += "\n  ...";
        break;
      }
      out += "\n  " + std::to_string(n) + " | ";
      for (char c : lines[n - 1]) {  // a NUL would end the message early
        if (c == '\0') {
          out += "\\0";
        } else {
          out += c;
        }
      }
    }
    return InvalidArgument(out);
  }

 private:
  // The physical lines (BOM and trailing CRs removed), split only when an
  // error needs them.
  std::vector<std::string_view> Lines() const {
    std::string_view text = text_;
    if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
    std::vector<std::string_view> lines;
    size_t start = 0;
    while (start < text.size()) {
      size_t nl = text.find('\n', start);
      if (nl == std::string_view::npos) nl = text.size();
      std::string_view line = text.substr(start, nl - start);
      while (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      lines.push_back(line);
      start = nl + 1;
    }
    return lines;
  }

  std::string_view text_;
  std::string filename_;
};

Directives ToDirectives(const parser::ParseResult& raw) {
  Directives d;
  d.escape = raw.escape;
  for (const parser::Directive& r : raw.directives) {
    if (r.name == "syntax") d.syntax = {r.value, r.line};
    if (r.name == "check") d.check = {r.value, r.line};
  }
  return d;
}

// The 1-based line of the first NUL byte in `text`, or 0. A NUL would cut
// a RUN command (or any argument) short where the kernel reads it.
int FirstNulLine(std::string_view text) {
  size_t nul = text.find('\0');
  if (nul == std::string_view::npos) return 0;
  return 1 + static_cast<int>(std::count(text.begin(), text.begin() + nul, '\n'));
}

std::string Upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(c));
  return s;
}

}  // namespace

Expected<Dockerfile> ParseDockerfile(std::string_view text,
                                     const std::string& filename,
                                     const ParseOptions& options) {
  const ErrorFormatter errors(text, filename);
  if (int line = FirstNulLine(text); line != 0) {
    return errors.Error("NUL byte in line", line, line);
  }
  parser::ParseError raw_error;
  Expected<parser::ParseResult> raw = parser::Parse(text, &raw_error);
  if (!raw.ok()) {
    if (raw_error.message == "file with no instructions") {
      return errors.Error(raw_error.message, 1, 0);
    }
    return errors.Error(raw_error.message, raw_error.start_line,
                        raw_error.end_line);
  }
  Dockerfile df;
  df.directives = ToDirectives(*raw);
  for (const parser::ParseWarning& w : raw->warnings) {
    df.warnings.push_back({w.message, {w.line, w.line}});
  }
  std::set<std::string> stage_names;
  for (const parser::Node& node : raw->root.children) {
    Expected<ParsedNode> parsed = ParseNode(node, options.lenient);
    if (!parsed.ok()) {
      return errors.Error(parsed.status().message(), node.start_line,
                          node.end_line);
    }
    if (auto* from = std::get_if<FromSpec>(&*parsed)) {
      if (!from->name.empty() && !stage_names.insert(from->name).second &&
          !options.lenient) {
        return errors.Error("duplicate stage name \"" + from->name + "\"",
                            node.start_line, node.end_line);
      }
      Stage stage;
      stage.name = std::move(from->name);
      stage.base = std::move(from->base);
      stage.platform = std::move(from->platform);
      stage.range = {node.start_line, node.end_line};
      stage.original = node.original;
      df.stages.push_back(std::move(stage));
      continue;
    }
    Instruction& instruction = std::get<Instruction>(*parsed);
    if (!df.stages.empty()) {
      df.stages.back().instructions.push_back(std::move(instruction));
    } else if (auto* arg = std::get_if<ArgInstruction>(&instruction)) {
      df.global_args.push_back(std::move(*arg));
    } else if (options.lenient) {
      df.before_first_from.push_back(std::move(instruction));
    } else {
      return errors.Error(
          "no FROM instruction before " + Upper(node.value), node.start_line,
          node.end_line);
    }
  }
  if (df.stages.empty() && !options.lenient) {
    const parser::Node& last = raw->root.children.back();
    return errors.Error("no FROM instruction: there is no stage to build",
                        last.start_line, last.end_line);
  }
  return df;
}

Expected<Instruction> ParseOnbuildTrigger(std::string_view expression) {
  const std::string prefix = "ONBUILD trigger " +
                             unicode::Quote(expression.substr(
                                 0, expression.find('\n'))) + ": ";
  auto fail = [&](const std::string& message) {
    return InvalidArgument(prefix + message);
  };
  if (int line = FirstNulLine(expression); line != 0) {
    return fail("line " + std::to_string(line) + ": NUL byte in line");
  }
  Expected<parser::ParseResult> raw = parser::Parse(expression);
  if (!raw.ok()) return fail(raw.status().message());
  if (raw->root.children.size() != 1) {
    return fail("want exactly one instruction");
  }
  const parser::Node& node = raw->root.children[0];
  const std::string keyword = Upper(node.value);
  if (keyword == "ONBUILD" || keyword == "FROM" || keyword == "MAINTAINER") {
    return fail(keyword + " isn't allowed as an ONBUILD trigger");
  }
  Expected<ParsedNode> parsed = ParseNode(node);
  if (!parsed.ok()) return fail(parsed.status().message());
  return std::get<Instruction>(std::move(*parsed));
}

}  // namespace mybuild::frontend
