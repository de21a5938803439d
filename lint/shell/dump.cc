#include "lint/shell/dump.h"

namespace mybuild::lint::shell {
namespace {

void DumpParts(const std::vector<WordPart>& parts, std::string* out);
void DumpList(const List& list, std::string* out);

void DumpParts(const std::vector<WordPart>& parts, std::string* out) {
  for (const WordPart& p : parts) {
    switch (p.kind) {
      case WordPart::Kind::kLiteral:
      case WordPart::Kind::kParameter:
      case WordPart::Kind::kArithmetic:
        *out += p.text;
        break;
      case WordPart::Kind::kEscaped:
        *out += '\\' + p.text;
        break;
      case WordPart::Kind::kSingleQuoted:
        *out += '\'' + p.text + '\'';
        break;
      case WordPart::Kind::kDoubleQuoted:
        *out += '"';
        DumpParts(p.parts, out);
        *out += '"';
        break;
      case WordPart::Kind::kCommandSubst:
        *out += "$[";
        if (p.body) DumpList(*p.body, out);
        *out += ']';
        break;
    }
  }
}

void DumpWords(const std::vector<Word>& words, std::string* out) {
  for (size_t i = 0; i < words.size(); ++i) {
    if (i) *out += ' ';
    DumpParts(words[i].parts, out);
  }
}

void DumpBody(const List& body, std::string* out) {
  *out += '{';
  DumpList(body, out);
  *out += '}';
}

void DumpSimple(const Command& c, std::string* out) {
  *out += '(';
  std::string inner;
  DumpWords(c.assignments, &inner);
  if (!inner.empty() && !c.words.empty()) inner += ' ';
  DumpWords(c.words, &inner);
  *out += inner;
  for (const Redirect& r : c.redirects) {
    if (out->back() != '(') *out += ' ';
    if (r.fd >= 0) *out += std::to_string(r.fd);
    *out += r.op;
    DumpParts(r.target.parts, out);
    if (r.op == "<<" || r.op == "<<-") *out += '{' + r.heredoc + '}';
  }
  *out += ')';
}

void DumpIf(const Command& c, std::string* out) {
  size_t n = c.bodies.size();
  size_t pairs = c.has_else ? n - 1 : n;
  for (size_t i = 0; i < pairs; i += 2) {
    *out += i == 0 ? "if" : "elif";
    DumpBody(c.bodies[i], out);
    *out += "then";
    if (i + 1 < n) DumpBody(c.bodies[i + 1], out);
  }
  if (c.has_else) {
    *out += "else";
    DumpBody(c.bodies.back(), out);
  }
}

void DumpCompound(const Command& c, std::string* out) {
  using K = Command::Kind;
  auto body = [&](size_t i) {
    if (i < c.bodies.size()) {
      DumpBody(c.bodies[i], out);
    } else {
      *out += "{}";
    }
  };
  switch (c.kind) {
    case K::kSimple:
      DumpSimple(c, out);
      return;
    case K::kSubshell:
      *out += "sub";
      body(0);
      break;
    case K::kBraceGroup:
      *out += "brace";
      body(0);
      break;
    case K::kIf:
      DumpIf(c, out);
      break;
    case K::kWhile:
      *out += "while";
      body(0);
      *out += "do";
      body(1);
      break;
    case K::kUntil:
      *out += "until";
      body(0);
      *out += "do";
      body(1);
      break;
    case K::kFor:
      *out += "for " + c.name + " in ";
      DumpWords(c.words, out);
      body(0);
      break;
    case K::kCase:
      *out += "case ";
      DumpWords(c.words, out);
      *out += " in";
      for (size_t i = 0; i < c.patterns.size(); ++i) {
        *out += ' ';
        for (size_t j = 0; j < c.patterns[i].size(); ++j) {
          if (j) *out += '|';
          DumpParts(c.patterns[i][j].parts, out);
        }
        body(i);
      }
      break;
    case K::kFunction:
      *out += "function " + c.name;
      body(0);
      break;
    case K::kArithmetic:
      *out += "arith" + c.words[0].value;
      break;
    case K::kTest:
      *out += "test[";
      DumpWords(c.words, out);
      *out += ']';
      break;
  }
  for (const Redirect& r : c.redirects) {
    *out += ' ';
    if (r.fd >= 0) *out += std::to_string(r.fd);
    *out += r.op;
    DumpParts(r.target.parts, out);
  }
}

void DumpList(const List& list, std::string* out) {
  for (size_t i = 0; i < list.items.size(); ++i) {
    if (i) *out += "; ";
    const AndOr& item = list.items[i];
    for (size_t j = 0; j < item.pipelines.size(); ++j) {
      if (j) *out += item.ops[j - 1] == AndOr::Op::kAnd ? " && " : " || ";
      const Pipeline& p = item.pipelines[j];
      if (p.negated) *out += "! ";
      for (size_t k = 0; k < p.commands.size(); ++k) {
        if (k) *out += " | ";
        DumpCompound(p.commands[k], out);
      }
    }
    if (item.background) *out += " &";
  }
}

}  // namespace

std::string Dump(const List& list) {
  std::string out;
  DumpList(list, &out);
  return out;
}

std::string Dump(const Word& word) {
  std::string out;
  DumpParts(word.parts, &out);
  return out;
}

}  // namespace mybuild::lint::shell
