// Grammar half of the shell parser: lists, and-or chains, pipelines, simple
// and compound commands. Recovers from errors by skipping a token.
#include "lint/shell/parser.h"

#include <cctype>

#include "lint/shell/parser_internal.h"

namespace mybuild::lint::shell {

Script ParseScript(std::string_view text) {
  Script script;
  internal::Parser parser(text, &script.errors, 0);
  script.body = parser.ParseList({});
  return script;
}

namespace internal {
namespace {

// Words that close a compound command; one out of place is an error.
constexpr std::string_view kClosers[] = {"then", "elif", "else", "fi",
                                         "do",   "done", "esac", "}"};

bool IsCloser(std::string_view w) {
  for (std::string_view c : kClosers) {
    if (w == c) return true;
  }
  return false;
}

}  // namespace

bool Parser::AtListEnd(std::initializer_list<std::string_view> stops) {
  if (AtEnd()) return true;
  std::string_view op = PeekOperator();
  if (op == ")" && paren_depth_ > 0) return true;
  if (op == ";;" || op == ";&" || op == ";;&") return true;
  std::string_view word = PeekReserved();
  for (std::string_view s : stops) {
    if (word == s) return true;
  }
  return false;
}

List Parser::ParseList(std::initializer_list<std::string_view> stops) {
  List list;
  while (true) {
    SkipSeparators();
    if (AtListEnd(stops)) break;
    std::string_view word = PeekReserved();
    std::string_view op = PeekOperator();
    if (IsCloser(word) || op == ")" || op == "|" || op == "||" || op == "&&" ||
        op == "&" || op == ";;" || op == "|&") {
      Error(pos_,
            "unexpected \"" + std::string(word.empty() ? op : word) + "\"");
      pos_ += word.empty() ? op.size() : word.size();
      continue;
    }
    AndOr item;
    if (!ParseAndOr(&item)) break;
    SkipBlanks();
    op = PeekOperator();
    if (op == "&") {
      item.background = true;
      ++pos_;
    } else if (op == ";") {
      ++pos_;
    }
    list.items.push_back(std::move(item));
  }
  return list;
}

void Parser::SkipSeparators() {
  while (true) {
    SkipBlanks();
    if (!SkipNewline()) {
      if (PeekOperator() == ";") {  // a stray `;` (e.g. `do ;`): tolerated
        ++pos_;
        continue;
      }
      return;
    }
  }
}

bool Parser::ParseAndOr(AndOr* out) {
  Pipeline first;
  if (!ParsePipeline(&first)) return false;
  out->pipelines.push_back(std::move(first));
  while (true) {
    SkipBlanks();
    std::string_view op = PeekOperator();
    if (op != "&&" && op != "||") return true;
    pos_ += 2;
    while (SkipBlanks(), SkipNewline()) {
    }
    Pipeline next;
    if (!ParsePipeline(&next)) {
      Error(pos_, "expected a command after " + std::string(op));
      return true;
    }
    out->ops.push_back(op == "&&" ? AndOr::Op::kAnd : AndOr::Op::kOr);
    out->pipelines.push_back(std::move(next));
  }
}

bool Parser::ParsePipeline(Pipeline* out) {
  SkipBlanks();
  if (ConsumeReserved("!")) {
    out->negated = true;
    SkipBlanks();
  }
  while (true) {
    Command cmd;
    if (!ParseCommand(&cmd)) return !out->commands.empty();
    out->commands.push_back(std::move(cmd));
    SkipBlanks();
    std::string_view op = PeekOperator();
    if (op != "|" && op != "|&") return true;
    pos_ += op.size();
    while (SkipBlanks(), SkipNewline()) {
    }
  }
}

bool Parser::ParseCommand(Command* out) {
  SkipBlanks();
  out->begin = pos_;
  std::string_view word = PeekReserved();
  if (!word.empty() && ParseCompound(word, out)) {
    ParseRedirects(out);
  } else if (PeekOperator() == "(") {
    ++pos_;
    if (Peek() == '(') {  // (( arithmetic ))
      --pos_;
      out->kind = Command::Kind::kArithmetic;
      size_t begin = pos_;
      out->words.push_back(LiteralWord(begin, ScanBalanced('(', ')')));
    } else {
      out->kind = Command::Kind::kSubshell;
      ++paren_depth_;
      out->bodies.push_back(ParseList({}));
      --paren_depth_;
      if (PeekOperator() == ")") {
        ++pos_;
      } else {
        Error(pos_, "expected \")\" to close the subshell");
      }
    }
    ParseRedirects(out);
  } else {
    ParseSimple(out);
    if (out->words.empty() && out->assignments.empty() &&
        out->redirects.empty() && out->kind == Command::Kind::kSimple) {
      return false;
    }
  }
  out->end = pos_;
  return true;
}

void Parser::ParseSimple(Command* out) {
  while (true) {
    SkipBlanks();
    Redirect r;
    if (TryRedirect(&r)) {
      out->redirects.push_back(std::move(r));
      continue;
    }
    if (!AtWordStart()) return;
    size_t start = pos_;
    Word w = ParseWord();
    if (w.end == start) return;
    if (out->words.empty()) {
      size_t eq = w.value.find('=');
      bool name = eq != std::string::npos && eq > 0 && !w.parts.empty() &&
                  w.parts[0].kind == WordPart::Kind::kLiteral &&
                  w.parts[0].text.size() > eq;
      for (size_t i = 0; name && i < eq; ++i) {
        char c = w.value[i];
        bool ok = c == '_' || std::isalpha(static_cast<unsigned char>(c)) ||
                  (i > 0 && std::isdigit(static_cast<unsigned char>(c))) ||
                  (c == '+' && i + 1 == eq && i > 0);
        name = ok;
      }
      if (name) {
        out->assignments.push_back(std::move(w));
        continue;
      }
      if (w.value == "[[" && !w.quoted) {
        out->kind = Command::Kind::kTest;
        ParseDoubleBracket(out);
        return;
      }
      SkipBlanks();
      if (!w.quoted && !w.has_expansion && StartsWith("(")) {
        size_t save = pos_;
        ++pos_;
        SkipBlanks();
        if (Peek() == ')') {
          ++pos_;
          ParseFunction(out, w.value);
          return;
        }
        pos_ = save;
      }
    }
    out->words.push_back(std::move(w));
  }
}

void Parser::ParseRedirects(Command* out) {
  while (true) {
    SkipBlanks();
    Redirect r;
    if (!TryRedirect(&r)) return;
    out->redirects.push_back(std::move(r));
  }
}

}  // namespace internal
}  // namespace mybuild::lint::shell
