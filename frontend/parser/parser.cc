#include "frontend/parser/parser.h"

#include <utility>

#include "frontend/parser/heredoc.h"
#include "frontend/parser/line_parsers.h"
#include "frontend/unicode/go_strings.h"

namespace mybuild::frontend::parser {

using unicode::TrimLeftSpace;
using unicode::TrimSpace;

namespace {

std::string_view TrimNewline(std::string_view s) {
  while (!s.empty() && (s.back() == '\r' || s.back() == '\n')) {
    s.remove_suffix(1);
  }
  return s;
}

bool IsComment(std::string_view line) {
  std::string_view t = TrimLeftSpace(line);
  return !t.empty() && t[0] == '#';
}

// If `line` ends with the escape token (plus blanks) that is not itself
// escaped, removes token and blanks and returns true: the instruction goes
// on. A line that is only the token continues too.
bool TrimContinuation(std::string_view* line, char escape) {
  size_t end = line->size();
  while (end > 0 && ((*line)[end - 1] == ' ' || (*line)[end - 1] == '\t')) {
    --end;
  }
  if (end == 0 || (*line)[end - 1] != escape) return false;
  if (end >= 2 && (*line)[end - 2] == escape) return false;
  *line = line->substr(0, end - 1);
  return true;
}

bool CanContainHeredoc(const Node& node) {
  const Node* n = &node;
  if (n->value == "onbuild" && !n->children.empty()) n = &n->children[0];
  if (n->value != "run" && n->value != "copy" && n->value != "add") {
    return false;
  }
  return !n->json;
}

class Parser {
 public:
  Parser(std::string_view text, ParseError* error) : error_(error) {
    Split(text);
  }

  Expected<ParseResult> Run();

 private:
  void Split(std::string_view text);
  bool NextLine(std::string_view* raw) {
    if (next_ >= lines_.size()) return false;
    *raw = lines_[next_++];
    return true;
  }
  int current_line() const { return static_cast<int>(next_); }
  Status Fail(std::string message, int start, int end);
  Status Instruction(std::string_view first, std::vector<std::string>* comments);
  Status ReadHeredocs(Node* node, int start);

  ParseError* error_;
  std::vector<std::string_view> lines_;  // each with its '\n' (if any)
  size_t next_ = 0;
  size_t too_long_ = 0;                  // 1-based line over the limit, or 0
  ParseResult result_;
  DirectiveScanner directives_;
};

void Parser::Split(std::string_view text) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  size_t start = 0;
  while (start < text.size()) {
    size_t nl = text.find('\n', start);
    size_t end = nl == std::string_view::npos ? text.size() : nl + 1;
    size_t content = nl == std::string_view::npos ? end - start : nl - start;
    if (content > kMaxLineBytes && too_long_ == 0) {
      too_long_ = lines_.size() + 1;
    }
    lines_.push_back(text.substr(start, end - start));
    start = end;
  }
}

Status Parser::Fail(std::string message, int start, int end) {
  if (end < start) end = start;
  Status status = InvalidArgument("line " + std::to_string(start) + ": " +
                                  message);
  if (error_ != nullptr) *error_ = ParseError{std::move(message), start, end};
  return status;
}

Expected<ParseResult> Parser::Run() {
  if (too_long_ != 0) {
    int line = static_cast<int>(too_long_);
    return Fail("dockerfile line greater than max allowed size of 65535",
                line, line);
  }
  std::vector<std::string> comments;
  std::string_view raw;
  while (NextLine(&raw)) {
    if (IsComment(raw)) {
      std::string comment(TrimSpace(raw.substr(1)));
      if (comment.empty()) {
        comments.clear();
      } else {
        comments.push_back(std::move(comment));
      }
    }
    std::string_view line = TrimLeftSpace(TrimNewline(raw));
    Expected<std::optional<Directive>> directive =
        directives_.Feed(line, current_line());
    if (!directive.ok()) {
      return Fail(directive.status().message(), current_line(),
                  current_line());
    }
    if (*directive) {
      if (!comments.empty()) comments.pop_back();
      if ((*directive)->name == "escape") {
        result_.escape = (*directive)->value[0];
      }
      result_.directives.push_back(std::move(**directive));
    }
    if (IsComment(line)) line = {};
    RETURN_IF_ERROR(Instruction(line, &comments));
  }
  if (result_.root.children.empty()) {
    return Fail("file with no instructions", current_line(), current_line());
  }
  return std::move(result_);
}

// Reads the rest of the instruction whose first (processed) line is `first`:
// continuation lines, then heredoc bodies.
Status Parser::Instruction(std::string_view first,
                           std::vector<std::string>* comments) {
  const int start = current_line();
  const char escape = result_.escape;
  bool ends = !TrimContinuation(&first, escape);
  if (ends && first.empty()) return Status::Ok();
  std::string logical(first);
  bool empty_continuation = false;
  std::string_view raw;
  while (!ends && NextLine(&raw)) {
    if (IsComment(raw)) continue;
    std::string_view line = TrimNewline(raw);
    if (TrimLeftSpace(line).empty()) {
      empty_continuation = true;
      continue;
    }
    ends = !TrimContinuation(&line, escape);
    logical += line;
  }
  if (empty_continuation) {
    result_.warnings.push_back(
        {"Empty continuation line found in: " + logical, current_line()});
  }
  Expected<Node> node = NodeFromLine(logical, escape);
  if (!node.ok()) {
    return Fail(node.status().message(), start, current_line());
  }
  if (CanContainHeredoc(*node) &&
      logical.find("<<") != std::string::npos) {
    RETURN_IF_ERROR(ReadHeredocs(&*node, start));
  }
  node->start_line = start;
  node->end_line = current_line();
  node->prev_comments = std::move(*comments);
  comments->clear();
  if (result_.root.children.empty()) result_.root.start_line = start;
  result_.root.end_line = current_line();
  result_.root.children.push_back(std::move(*node));
  return Status::Ok();
}

Status Parser::ReadHeredocs(Node* node, int start) {
  Expected<std::vector<Heredoc>> heredocs = HeredocsFromLine(node->original);
  if (!heredocs.ok()) {
    return Fail(heredocs.status().message(), start, current_line());
  }
  for (Heredoc& heredoc : *heredocs) {
    bool terminated = false;
    std::string_view raw;
    while (NextLine(&raw)) {
      std::string_view candidate = TrimNewline(raw);
      if (heredoc.chomp) {
        while (!candidate.empty() && candidate[0] == '\t') {
          candidate.remove_prefix(1);
        }
      }
      if (candidate == heredoc.name) {
        terminated = true;
        break;
      }
      heredoc.content += raw;
    }
    if (!terminated) {
      return Fail("unterminated heredoc", start, current_line());
    }
    node->heredocs.push_back(std::move(heredoc));
  }
  return Status::Ok();
}

}  // namespace

Expected<ParseResult> Parse(std::string_view text, ParseError* error) {
  return Parser(text, error).Run();
}

}  // namespace mybuild::frontend::parser
