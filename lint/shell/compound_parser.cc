// Compound commands: if, while/until, for, case, { }, functions, [[ ]].
#include "lint/shell/parser_internal.h"

namespace mybuild::lint::shell::internal {

bool Parser::ParseCompound(std::string_view word, Command* out) {
  if (word == "if") {
    ParseIf(out);
  } else if (word == "while" || word == "until") {
    ParseLoop(out);
  } else if (word == "for") {
    ParseFor(out);
  } else if (word == "case") {
    ParseCase(out);
  } else if (word == "{") {
    pos_ += 1;
    out->kind = Command::Kind::kBraceGroup;
    out->bodies.push_back(ParseBody({"}"}));
    Expect("}");
  } else if (word == "function") {
    pos_ += word.size();
    SkipBlanks();
    std::string name(PeekReserved());
    pos_ += name.size();
    SkipBlanks();
    if (StartsWith("(")) {
      ++pos_;
      SkipBlanks();
      if (Peek() == ')') ++pos_;
    }
    ParseFunction(out, name);
  } else {
    return false;
  }
  return true;
}

List Parser::ParseBody(std::initializer_list<std::string_view> stops) {
  // `)` inside a compound body closes an enclosing subshell only after the
  // compound is closed, so the body itself never stops there.
  int saved = paren_depth_;
  paren_depth_ = 0;
  List body = ParseList(stops);
  paren_depth_ = saved;
  return body;
}

void Parser::Expect(std::string_view reserved) {
  SkipSeparators();
  if (!ConsumeReserved(reserved)) {
    Error(pos_, "expected \"" + std::string(reserved) + "\"");
  }
}

void Parser::ParseIf(Command* out) {
  out->kind = Command::Kind::kIf;
  pos_ += 2;  // if
  while (true) {
    out->bodies.push_back(ParseBody({"then"}));
    Expect("then");
    out->bodies.push_back(ParseBody({"elif", "else", "fi"}));
    SkipSeparators();
    if (ConsumeReserved("elif")) continue;
    if (ConsumeReserved("else")) {
      out->bodies.push_back(ParseBody({"fi"}));
      out->has_else = true;
    }
    Expect("fi");
    return;
  }
}

void Parser::ParseLoop(Command* out) {
  bool is_while = PeekReserved() == "while";
  out->kind = is_while ? Command::Kind::kWhile : Command::Kind::kUntil;
  pos_ += 5;  // "while" and "until" are both 5 letters
  out->bodies.push_back(ParseBody({"do"}));
  Expect("do");
  out->bodies.push_back(ParseBody({"done"}));
  Expect("done");
}

void Parser::ParseFor(Command* out) {
  out->kind = Command::Kind::kFor;
  pos_ += 3;
  SkipBlanks();
  if (StartsWith("((")) {  // for (( init; cond; step ))
    size_t begin = pos_;
    out->words.push_back(LiteralWord(begin, ScanBalanced('(', ')')));
  } else {
    out->name = ParseWord().value;
    SkipSeparators();
    if (ConsumeReserved("in")) {
      while (true) {
        SkipBlanks();
        if (!AtWordStart()) break;
        out->words.push_back(ParseWord());
      }
    }
  }
  Expect("do");
  out->bodies.push_back(ParseBody({"done"}));
  Expect("done");
}

void Parser::ParseCase(Command* out) {
  out->kind = Command::Kind::kCase;
  pos_ += 4;
  SkipBlanks();
  out->words.push_back(ParseWord());
  Expect("in");
  while (true) {
    SkipSeparators();
    if (ConsumeReserved("esac")) return;
    if (AtEnd()) {
      Error(pos_, "expected \"esac\"");
      return;
    }
    if (Peek() == '(') ++pos_;
    std::vector<Word> patterns;
    while (true) {
      SkipBlanks();
      if (!AtWordStart()) break;
      patterns.push_back(ParseWord());
      SkipBlanks();
      if (Peek() != '|') break;
      ++pos_;
    }
    SkipBlanks();
    if (Peek() == ')') {
      ++pos_;
    } else {
      Error(pos_, "expected \")\" after a case pattern");
      if (patterns.empty() && !AtEnd()) ++pos_;
    }
    out->patterns.push_back(std::move(patterns));
    out->bodies.push_back(ParseBody({"esac"}));
    SkipBlanks();
    std::string_view op = PeekOperator();
    if (op == ";;" || op == ";&" || op == ";;&") pos_ += op.size();
  }
}

void Parser::ParseFunction(Command* out, std::string name) {
  out->kind = Command::Kind::kFunction;
  out->name = std::move(name);
  SkipSeparators();
  Command body;
  if (ParseCommand(&body)) {
    List list;
    list.items.emplace_back();
    list.items.back().pipelines.emplace_back();
    list.items.back().pipelines.back().commands.push_back(std::move(body));
    out->bodies.push_back(std::move(list));
  } else {
    Error(pos_, "expected a function body");
  }
}

void Parser::ParseDoubleBracket(Command* out) {
  // Inside [[ ]] `&&`, `||`, `<`, `>`, `(` and `)` are operands, not
  // control operators: read raw tokens up to the closing `]]`.
  while (true) {
    SkipBlanks();
    if (AtEnd() || Peek() == '\n' || Peek() == ';') break;
    if (PeekReserved() == "]]") {
      pos_ += 2;
      return;
    }
    if (AtWordStart()) {
      out->words.push_back(ParseWord());
      continue;
    }
    size_t begin = pos_;
    while (!AtEnd() &&
           std::string_view("&|<>()!").find(Peek()) != std::string_view::npos) {
      ++pos_;
    }
    if (pos_ == begin) break;
    out->words.push_back(LiteralWord(begin, src_.substr(begin, pos_ - begin)));
  }
  Error(pos_, "expected \"]]\"");
}

}  // namespace mybuild::lint::shell::internal
