// Lexing for the shell parser: blanks, comments, line continuations,
// reserved words, control operators, redirections and here-documents.
#include <cctype>
#include <string>

#include "lint/shell/parser_internal.h"

namespace mybuild::lint::shell::internal {

void Parser::Error(size_t offset, std::string message) {
  errors_->push_back(ParseError{offset, std::move(message)});
}

void Parser::SkipBlanks() {
  while (!AtEnd()) {
    char c = Peek();
    if (c == ' ' || c == '\t' || c == '\r') {
      ++pos_;
    } else if (c == '\\' && Peek(1) == '\n') {
      pos_ += 2;
    } else if (c == '#') {
      while (!AtEnd() && Peek() != '\n') ++pos_;
    } else {
      break;
    }
  }
}

bool Parser::SkipNewline() {
  if (Peek() != '\n') return false;
  if (heredoc_at_ != 0 && pos_ == heredoc_line_end_) {
    pos_ = heredoc_at_;
    heredoc_at_ = 0;
  } else {
    ++pos_;
  }
  return true;
}

std::string_view Parser::PeekReserved() const {
  size_t end = pos_;
  while (end < src_.size()) {
    char c = src_[end];
    if (IsMetaChar(c) || c == '\'' || c == '"' || c == '\\' || c == '$' ||
        c == '`') {
      break;
    }
    ++end;
  }
  if (end < src_.size() && !IsMetaChar(src_[end])) return {};
  return src_.substr(pos_, end - pos_);
}

bool Parser::ConsumeReserved(std::string_view word) {
  if (PeekReserved() != word) return false;
  pos_ += word.size();
  return true;
}

std::string_view Parser::PeekOperator() const {
  static constexpr std::string_view kOps[] = {
      ";;&", ";;", ";&", "&&", "||", "|&", ";", "&", "|", "(", ")"};
  for (std::string_view op : kOps) {
    if (StartsWith(op)) {
      // `&>` and `&>>` are redirections, not background.
      if (op == "&" && Peek(1) == '>') return {};
      return op;
    }
  }
  return {};
}

bool Parser::AtWordStart() const {
  if ((Peek() == '<' || Peek() == '>') && Peek(1) == '(') return true;
  return !AtEnd() && !IsMetaChar(Peek());
}

bool Parser::TryRedirect(Redirect* out) {
  size_t start = pos_;
  int fd = -1;
  size_t p = pos_;
  while (p < src_.size() && std::isdigit(static_cast<unsigned char>(src_[p])))
    ++p;
  // A descriptor is a few digits right before the operator (a longer number
  // is an ordinary word: stoi would overflow).
  if (p > pos_ && p - pos_ <= 9 && p < src_.size() &&
      (src_[p] == '<' || src_[p] == '>')) {
    fd = std::stoi(std::string(src_.substr(pos_, p - pos_)));
    pos_ = p;
  }
  static constexpr std::string_view kOps[] = {
      "&>>", "<<<", "<<-", "<<", ">>", "<&", ">&", "<>", ">|", "&>", "<", ">"};
  std::string_view op;
  for (std::string_view o : kOps) {
    if (StartsWith(o)) {
      op = o;
      break;
    }
  }
  // `<(cmd)` and `>(cmd)` are process substitutions: words, not redirects.
  if (op.empty() || ((op == "<" || op == ">") && Peek(1) == '(')) {
    pos_ = start;
    return false;
  }
  pos_ += op.size();
  out->fd = fd;
  out->op = std::string(op);
  SkipBlanks();
  if (!AtWordStart()) {
    Error(pos_, "expected a word after " + out->op);
    return true;
  }
  out->target = ParseWord();
  if (op == "<<" || op == "<<-") ReadHeredoc(out);
  return true;
}

void Parser::ReadHeredoc(Redirect* r) {
  r->heredoc_quoted = r->target.quoted;
  const std::string& delim = r->target.value;
  if (heredoc_at_ == 0) {
    size_t nl = src_.find('\n', pos_);
    if (nl == std::string_view::npos) return;  // no body follows
    heredoc_line_end_ = nl;
    heredoc_at_ = nl + 1;
  }
  size_t p = heredoc_at_;
  while (p < src_.size()) {
    size_t nl = src_.find('\n', p);
    size_t line_end = nl == std::string_view::npos ? src_.size() : nl;
    std::string_view line = src_.substr(p, line_end - p);
    if (r->op == "<<-") {
      while (!line.empty() && line.front() == '\t') line.remove_prefix(1);
    }
    p = nl == std::string_view::npos ? src_.size() : nl + 1;
    if (line == delim) {
      heredoc_at_ = p;
      return;
    }
    r->heredoc.append(line);
    r->heredoc.push_back('\n');
  }
  Error(heredoc_at_,
        "here-document delimited by end of input (wanted \"" + delim + "\")");
  heredoc_at_ = src_.size();
}

}  // namespace mybuild::lint::shell::internal
