#include "frontend/ignore/glob.h"

#include <algorithm>

#include "frontend/unicode/utf8.h"

namespace mybuild::frontend::ignore {

bool GlobClass::Contains(char32_t r) const {
  const bool in = std::any_of(ranges.begin(), ranges.end(), [r](auto range) {
    return range.first <= r && r <= range.second;
  });
  return in != negated;
}

void Glob::AddLiteral(char32_t r) {
  steps_.push_back({Op::kLiteral, r});
  // U+FFFD also stands for any invalid byte of a path, so it cannot be
  // compared as bytes: the tail starts after it.
  if (r == unicode::kRuneError) {
    tail_.clear();
  } else {
    unicode::AppendRune(&tail_, r);
  }
}

void Glob::AddClass(GlobClass c) {
  tail_.clear();
  steps_.push_back({Op::kClass, static_cast<char32_t>(classes_.size())});
  classes_.push_back(std::move(c));
}

void Glob::Add(Op op) {
  tail_.clear();
  steps_.push_back({op, 0});
  if (op == Op::kDirEntry) steps_.push_back({Op::kDirInner, 0});
}

// The set of live states: state i means "steps [0, i) have matched".
class Glob::Run {
 public:
  explicit Run(const Glob& glob)
      : steps_(glob.steps_),
        classes_(glob.classes_),
        live_(steps_.size() + 1, 0),
        next_(steps_.size() + 1, 0) {
    live_[0] = 1;
    Close(live_);
  }

  bool Accepting() const { return live_.back() != 0; }

  // Consumes one rune; false when no state is left alive.
  bool Step(char32_t r) {
    std::fill(next_.begin(), next_.end(), 0);
    bool alive = false;
    for (size_t i = 0; i < steps_.size(); ++i) {
      if (!live_[i]) continue;
      const Glob::Step& s = steps_[i];
      bool stay = false, advance = false;
      switch (s.op) {
        case Op::kLiteral:
          advance = r == s.arg;
          break;
        case Op::kStar:
          stay = r != '/';
          break;
        case Op::kAnyOne:
          advance = r != '/';
          break;
        case Op::kClass:
          advance = classes_[s.arg].Contains(r);
          break;
        case Op::kRun:
          stay = r != '\n';
          break;
        case Op::kDirEntry:
          break;
        case Op::kDirInner:
          stay = r != '\n';
          advance = r == '/';
          break;
      }
      if (stay) next_[i] = 1;
      if (advance) next_[i + 1] = 1;
      alive = alive || stay || advance;
    }
    Close(next_);
    live_.swap(next_);
    return alive;
  }

 private:
  // Adds the states reachable without consuming a rune (targets are always
  // later states, so one forward sweep suffices).
  void Close(std::vector<char>& set) const {
    for (size_t i = 0; i < steps_.size(); ++i) {
      if (!set[i]) continue;
      const Op op = steps_[i].op;
      if (op == Op::kStar || op == Op::kRun || op == Op::kDirEntry) {
        set[i + 1] = 1;
      }
      if (op == Op::kDirEntry) set[i + 2] = 1;
    }
  }

  const std::vector<Glob::Step>& steps_;
  const std::vector<GlobClass>& classes_;
  std::vector<char> live_;
  std::vector<char> next_;
};

bool Glob::Matches(std::string_view s) const {
  if (!tail_.empty() && !s.ends_with(tail_)) return false;
  Run run(*this);
  for (size_t pos = 0; pos < s.size();) {
    if (!run.Step(unicode::NextRune(s, &pos))) return false;
  }
  return run.Accepting();
}

bool Glob::TailAllows(std::string_view s) const {
  if (tail_.empty() || s.ends_with(tail_)) return true;
  for (size_t at = s.find(tail_); at != std::string_view::npos;
       at = s.find(tail_, at + 1)) {
    const size_t end = at + tail_.size();
    if (end < s.size() && s[end] == '/') return true;
  }
  return false;
}

bool Glob::MatchesSelfOrAncestor(std::string_view s) const {
  if (!TailAllows(s)) return false;
  Run run(*this);
  for (size_t pos = 0; pos < s.size();) {
    if (s[pos] == '/' && pos > 0 && run.Accepting()) return true;
    if (!run.Step(unicode::NextRune(s, &pos))) return false;
  }
  return run.Accepting();
}

bool Glob::MayMatchWithPrefix(std::string_view prefix) const {
  Run run(*this);
  for (size_t pos = 0; pos < prefix.size();) {
    if (!run.Step(unicode::NextRune(prefix, &pos))) return false;
  }
  return true;
}

}  // namespace mybuild::frontend::ignore
