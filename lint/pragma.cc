#include "lint/pragma.h"

#include <algorithm>
#include <cctype>

namespace mybuild::lint {
namespace {

// A tiny cursor over one comment, mirroring hadolint's pragma grammar.
class Cursor {
 public:
  explicit Cursor(std::string_view s) : s_(s) {}
  size_t Spaces() {
    size_t n = 0;
    while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\t')) ++i_, ++n;
    return n;
  }
  bool Word(std::string_view w) {
    if (s_.substr(i_, w.size()) != w) return false;
    i_ += w.size();
    return true;
  }
  std::string_view TakeWhile(bool (*pred)(char)) {
    size_t start = i_;
    while (i_ < s_.size() && pred(s_[i_])) ++i_;
    return s_.substr(start, i_ - start);
  }
  // The rest is blank or a `# comment`.
  bool AtEndOrComment() {
    Spaces();
    return i_ == s_.size() || s_[i_] == '#';
  }

 private:
  std::string_view s_;
  size_t i_ = 0;
};

bool IsCodeChar(char c) { return std::isalnum(static_cast<unsigned char>(c)); }
bool IsShellChar(char c) { return c != ' ' && c != '\t' && c != '\n'; }

bool ParseCodes(Cursor* c, std::vector<std::string>* codes) {
  c->Spaces();
  if (!c->Word("=")) return false;
  while (true) {
    c->Spaces();
    std::string_view code = c->TakeWhile(IsCodeChar);
    if (code.empty()) return false;
    codes->emplace_back(code);
    c->Spaces();
    if (!c->Word(",")) break;
  }
  return c->AtEndOrComment();
}

}  // namespace

std::optional<Pragma> ParsePragma(std::string_view comment) {
  Cursor c(comment);
  c.Spaces();
  if (!c.Word("hadolint") || c.Spaces() == 0) return std::nullopt;
  Pragma p;
  if (c.Word("shell")) {
    p.kind = Pragma::Kind::kShell;
    c.Spaces();
    if (!c.Word("=")) return std::nullopt;
    c.Spaces();
    p.shell = std::string(c.TakeWhile(IsShellChar));
    if (p.shell.empty() || !c.AtEndOrComment()) return std::nullopt;
    return p;
  }
  if (c.Word("global")) {
    if (c.Spaces() == 0) return std::nullopt;
    p.kind = Pragma::Kind::kGlobalIgnore;
  } else if (c.Word("stage")) {
    if (c.Spaces() == 0) return std::nullopt;
    p.kind = Pragma::Kind::kStageIgnore;
  }
  if (!c.Word("ignore") || !ParseCodes(&c, &p.codes)) return std::nullopt;
  return p;
}

namespace {

// The FROM line that starts the stage holding `line`, or 0 before any.
int StageStart(int line, const std::vector<int>& stage_starts) {
  auto it = std::upper_bound(stage_starts.begin(), stage_starts.end(), line);
  return it == stage_starts.begin() ? 0 : *(it - 1);
}

}  // namespace

bool Pragmas::Ignores(std::string_view code, int line,
                      const std::vector<int>& stage_starts) const {
  const std::string key(code);
  if (global_ignores.count(key)) return true;
  auto it = line_ignores.find(line);
  if (it != line_ignores.end() && it->second.count(key)) return true;
  int stage = StageStart(line, stage_starts);
  for (const auto& [at, codes] : stage_ignores) {
    if (at > line) break;
    if (StageStart(at, stage_starts) == stage && codes.count(key)) return true;
  }
  return false;
}

std::string Pragmas::ShellAt(int line,
                             const std::vector<int>& stage_starts) const {
  int stage = StageStart(line, stage_starts);
  std::string shell;
  for (const auto& [at, name] : shells) {
    if (at > line) break;
    if (StageStart(at, stage_starts) == stage) shell = name;
  }
  return shell;
}

Pragmas CollectPragmas(std::string_view text, const std::set<int>& skip) {
  Pragmas out;
  int line = 0;
  size_t pos = 0;
  while (pos <= text.size()) {
    size_t nl = text.find('\n', pos);
    size_t end = nl == std::string_view::npos ? text.size() : nl;
    std::string_view l = text.substr(pos, end - pos);
    ++line;
    pos = end + 1;
    size_t first = l.find_first_not_of(" \t\r");
    if (first == std::string_view::npos || l[first] != '#' || skip.count(line))
      continue;
    if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
    std::optional<Pragma> p = ParsePragma(l.substr(first + 1));
    if (!p) continue;
    switch (p->kind) {
      case Pragma::Kind::kIgnore:
        out.line_ignores[line + 1].insert(p->codes.begin(), p->codes.end());
        out.ignore_lines.push_back(line);
        break;
      case Pragma::Kind::kGlobalIgnore:
        out.global_ignores.insert(p->codes.begin(), p->codes.end());
        break;
      case Pragma::Kind::kStageIgnore:
        out.stage_ignores[line].insert(p->codes.begin(), p->codes.end());
        break;
      case Pragma::Kind::kShell:
        out.shells[line] = p->shell;
        break;
    }
  }
  return out;
}

}  // namespace mybuild::lint
