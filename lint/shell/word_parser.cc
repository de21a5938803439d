// Words: literal text, quotes, escapes, parameter, command and arithmetic
// expansions (command substitutions are parsed recursively).
#include <cctype>
#include <cstring>

#include "lint/shell/parser_internal.h"

namespace mybuild::lint::shell::internal {
namespace {

constexpr int kMaxDepth = 32;

// Characters that start a quoted or expanded part of a word. (NUL is an
// ordinary character here; strchr would match it.)
bool IsQuoteOrDollar(char c) {
  return c == '\'' || c == '"' || c == '\\' || c == '$' || c == '`';
}

bool IsNameStart(char c) {
  return std::isalpha(static_cast<unsigned char>(c)) || c == '_';
}
bool IsNameChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
}

}  // namespace

void AppendLiteral(std::vector<WordPart>* parts, WordPart::Kind kind,
                   std::string_view text) {
  if (!parts->empty() && parts->back().kind == kind &&
      kind == WordPart::Kind::kLiteral) {
    parts->back().text += text;
    return;
  }
  WordPart p;
  p.kind = kind;
  p.text = std::string(text);
  parts->push_back(std::move(p));
}

Word LiteralWord(size_t begin, std::string_view text) {
  Word w;
  AppendLiteral(&w.parts, WordPart::Kind::kLiteral, text);
  w.value = std::string(text);
  w.begin = begin;
  w.end = begin + text.size();
  return w;
}

Word Parser::ParseWord() {
  Word w;
  w.begin = pos_;
  // Bash array assignment: NAME=( ... ) keeps the parenthesised list as text.
  while (AtWordStart() || (Peek() == '(' && !w.parts.empty() &&
                           w.value.size() > 1 && w.value.back() == '=')) {
    if (Peek() == '(') {
      size_t start = pos_;
      ScanBalanced('(', ')');
      std::string_view text = src_.substr(start, pos_ - start);
      AppendLiteral(&w.parts, WordPart::Kind::kLiteral, text);
      w.value += text;
      continue;
    }
    ParseWordPart(&w, &w.parts);
  }
  w.end = pos_;
  return w;
}

void Parser::ParseWordPart(Word* w, std::vector<WordPart>* parts) {
  char c = Peek();
  if (c == '\'') {
    size_t close = src_.find('\'', pos_ + 1);
    if (close == std::string_view::npos) {
      Error(pos_, "unterminated single quote");
      close = src_.size();
    }
    std::string_view text = src_.substr(pos_ + 1, close - pos_ - 1);
    AppendLiteral(parts, WordPart::Kind::kSingleQuoted, text);
    w->value += text;
    w->quoted = true;
    pos_ = close < src_.size() ? close + 1 : close;
  } else if (c == '"') {
    ParseDoubleQuoted(w, parts);
  } else if (c == '\\') {
    if (Peek(1) == '\n') {
      pos_ += 2;
    } else if (pos_ + 1 < src_.size()) {
      AppendLiteral(parts, WordPart::Kind::kEscaped, src_.substr(pos_ + 1, 1));
      w->value += Peek(1);
      w->quoted = true;
      pos_ += 2;
    } else {
      AppendLiteral(parts, WordPart::Kind::kLiteral, "\\");
      w->value += '\\';
      ++pos_;
    }
  } else if (c == '$') {
    ParseDollar(w, parts);
  } else if (c == '`') {
    ParseBackquote(w, parts);
  } else if ((c == '<' || c == '>') && Peek(1) == '(') {
    ParseSubstitution(w, parts, pos_, 2);
  } else {
    size_t start = pos_;
    do {
      ++pos_;
    } while (!AtEnd() && !IsMetaChar(Peek()) && !IsQuoteOrDollar(Peek()));
    std::string_view text = src_.substr(start, pos_ - start);
    AppendLiteral(parts, WordPart::Kind::kLiteral, text);
    w->value += text;
  }
}

void Parser::ParseDoubleQuoted(Word* w, std::vector<WordPart>* parts) {
  WordPart dq;
  dq.kind = WordPart::Kind::kDoubleQuoted;
  size_t open = pos_++;
  w->quoted = true;
  while (!AtEnd() && Peek() != '"') {
    char c = Peek();
    if (c == '\\' && std::strchr("$`\"\\\n", Peek(1)) && Peek(1) != '\0') {
      if (Peek(1) != '\n') {
        AppendLiteral(&dq.parts, WordPart::Kind::kLiteral,
                      src_.substr(pos_ + 1, 1));
        w->value += Peek(1);
      }
      pos_ += 2;
    } else if (c == '$') {
      ParseDollar(w, &dq.parts);
    } else if (c == '`') {
      ParseBackquote(w, &dq.parts);
    } else {
      AppendLiteral(&dq.parts, WordPart::Kind::kLiteral, src_.substr(pos_, 1));
      w->value += c;
      ++pos_;
    }
  }
  if (AtEnd()) {
    Error(open, "unterminated double quote");
  } else {
    ++pos_;
  }
  parts->push_back(std::move(dq));
}

void Parser::ParseDollar(Word* w, std::vector<WordPart>* parts) {
  size_t start = pos_;
  char n = Peek(1);
  WordPart part;
  if (n == '\'' && parts == &w->parts) {  // $'...' (bash ANSI-C quoting)
    ++pos_;
    ParseWordPart(w, parts);
    return;
  }
  if (n == '(' && Peek(2) == '(') {
    pos_ += 1;
    ScanBalanced('(', ')');
    part.kind = WordPart::Kind::kArithmetic;
  } else if (n == '(') {
    ParseSubstitution(w, parts, start, 2);
    return;
  } else if (n == '{') {
    pos_ += 1;
    ScanBalanced('{', '}');
    part.kind = WordPart::Kind::kParameter;
  } else if (IsNameStart(n)) {
    pos_ += 2;
    while (IsNameChar(Peek())) ++pos_;
    part.kind = WordPart::Kind::kParameter;
  } else if (n != '\0' && std::strchr("0123456789@*#?-$!", n)) {
    pos_ += 2;
    part.kind = WordPart::Kind::kParameter;
  } else {  // a lone `$` is literal
    ++pos_;
    AppendLiteral(parts, WordPart::Kind::kLiteral, "$");
    w->value += '$';
    return;
  }
  part.text = std::string(src_.substr(start, pos_ - start));
  w->value += part.text;
  w->has_expansion = true;
  parts->push_back(std::move(part));
}

void Parser::ParseSubstitution(Word* w, std::vector<WordPart>* parts,
                               size_t start, size_t open_len) {
  WordPart part;
  part.kind = WordPart::Kind::kCommandSubst;
  pos_ = start + open_len;
  if (depth_ < kMaxDepth) {
    Parser inner(src_, errors_, depth_ + 1);
    inner.pos_ = pos_;
    inner.paren_depth_ = 1;
    part.body = std::make_shared<List>(inner.ParseList({}));
    pos_ = inner.pos_;
  } else {
    Error(start, "command substitutions nested too deeply");
  }
  if (Peek() == ')') {
    ++pos_;
  } else {
    pos_ = start + open_len - 1;
    ScanBalanced('(', ')');
  }
  part.text = std::string(src_.substr(start, pos_ - start));
  w->value += part.text;
  w->has_expansion = true;
  parts->push_back(std::move(part));
}

void Parser::ParseBackquote(Word* w, std::vector<WordPart>* parts) {
  size_t start = pos_++;
  std::string inner;
  while (!AtEnd() && Peek() != '`') {
    if (Peek() == '\\' && std::strchr("`$\\", Peek(1)) && Peek(1) != '\0') {
      ++pos_;
    }
    inner += Peek();
    ++pos_;
  }
  if (AtEnd()) {
    Error(start, "unterminated backquote");
  } else {
    ++pos_;
  }
  WordPart part;
  part.kind = WordPart::Kind::kCommandSubst;
  part.text = std::string(src_.substr(start, pos_ - start));
  if (depth_ < kMaxDepth) {
    // Offsets inside a backquoted body refer to the unescaped copy; errors
    // are reported at the backquote itself.
    std::vector<ParseError> inner_errors;
    Parser p(inner, &inner_errors, depth_ + 1);
    part.body = std::make_shared<List>(p.ParseList({}));
    for (const ParseError& e : inner_errors) Error(start, e.message);
  }
  w->value += part.text;
  w->has_expansion = true;
  parts->push_back(std::move(part));
}

std::string Parser::ScanBalanced(char open, char close) {
  size_t start = pos_;
  int depth = 0;
  while (!AtEnd()) {
    char c = Peek();
    if (c == '\\') {
      pos_ += 2;
      continue;
    }
    if (c == '\'' && open != '(') {
      size_t q = src_.find('\'', pos_ + 1);
      pos_ = q == std::string_view::npos ? src_.size() : q + 1;
      continue;
    }
    ++pos_;
    if (c == open) ++depth;
    if (c == close && --depth == 0) break;
  }
  if (depth > 0) {
    Error(start, std::string("unterminated ") + open);
    pos_ = src_.size();
  }
  if (pos_ > src_.size()) pos_ = src_.size();
  return std::string(src_.substr(start, pos_ - start));
}

}  // namespace mybuild::lint::shell::internal
