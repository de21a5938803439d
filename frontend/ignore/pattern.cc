#include "frontend/ignore/pattern.h"

#include <vector>

#include "frontend/ignore/clean_path.h"
#include "frontend/unicode/utf8.h"

namespace mybuild::frontend::ignore {
namespace {

// Reads the runes of a pattern one at a time.
struct Cursor {
  std::vector<char32_t> runes;
  size_t i = 0;
  bool done() const { return i >= runes.size(); }
  char32_t peek() const { return runes[i]; }
};

Status SyntaxError(const std::string& text, const std::string& why) {
  return InvalidArgument("syntax error in pattern \"" + text + "\": " + why);
}

// One class member, possibly `\`-escaped (filepath.Match's getEsc).
Expected<char32_t> ClassChar(Cursor& c, const std::string& text) {
  if (c.done()) return SyntaxError(text, "unterminated character class");
  char32_t r = c.runes[c.i++];
  if (r == '-' || r == ']') return SyntaxError(text, "bad character class");
  if (r == '\\') {
    if (c.done()) return SyntaxError(text, "unterminated character class");
    r = c.runes[c.i++];
  }
  return r;
}

// Parses what follows a '[' up to and including its ']'.
Expected<GlobClass> ParseClass(Cursor& c, const std::string& text) {
  GlobClass cls;
  if (!c.done() && c.peek() == '^') {
    cls.negated = true;
    ++c.i;
  }
  while (true) {
    if (c.done()) return SyntaxError(text, "unterminated character class");
    if (c.peek() == ']' && !cls.ranges.empty()) {
      ++c.i;
      return cls;
    }
    ASSIGN_OR_RETURN(char32_t lo, ClassChar(c, text));
    char32_t hi = lo;
    if (!c.done() && c.peek() == '-') {
      ++c.i;
      ASSIGN_OR_RETURN(hi, ClassChar(c, text));
    }
    if (lo > hi) {
      std::string range;
      unicode::AppendRune(&range, lo);
      range += '-';
      unicode::AppendRune(&range, hi);
      return SyntaxError(text, "bad character range " + range);
    }
    cls.ranges.emplace_back(lo, hi);
  }
}

}  // namespace

Expected<Pattern> Pattern::Compile(std::string_view text) {
  Pattern p;
  if (!text.empty() && text[0] == '!') {
    if (text.size() == 1) {
      return InvalidArgument("illegal exclusion pattern: \"!\"");
    }
    p.exception_ = true;
    text.remove_prefix(1);
  }
  p.text_ = CleanPath(text);
  Cursor c;
  for (size_t pos = 0; pos < p.text_.size();) {
    c.runes.push_back(unicode::NextRune(p.text_, &pos));
  }
  // Mirrors patternmatcher's compile(): the kind starts as an exact match
  // and is refined as wildcards turn up.
  Kind kind = Kind::kExact;
  for (int iteration = 0; !c.done(); ++iteration) {
    const char32_t ch = c.runes[c.i++];
    if (ch == '*' && !c.done() && c.peek() == '*') {
      ++c.i;
      if (!c.done() && c.peek() == '/') ++c.i;
      if (c.done() && kind == Kind::kExact) {
        kind = Kind::kPrefix;
      } else {
        p.glob_.Add(c.done() ? Glob::Op::kRun : Glob::Op::kDirEntry);
        kind = Kind::kGlob;
      }
      if (iteration == 0) kind = Kind::kSuffix;
    } else if (ch == '*' || ch == '?') {
      p.glob_.Add(ch == '*' ? Glob::Op::kStar : Glob::Op::kAnyOne);
      kind = Kind::kGlob;
    } else if (ch == '\\') {
      if (c.done()) return SyntaxError(p.text_, "trailing backslash");
      p.glob_.AddLiteral(c.runes[c.i++]);
      kind = Kind::kGlob;
    } else if (ch == '[') {
      ASSIGN_OR_RETURN(GlobClass cls, ParseClass(c, p.text_));
      p.glob_.AddClass(std::move(cls));
      kind = Kind::kGlob;
    } else {
      p.glob_.AddLiteral(ch);
      if (ch == ']') kind = Kind::kGlob;
    }
  }
  p.kind_ = kind;
  if (kind == Kind::kPrefix) {
    p.literal_ = p.text_.substr(0, p.text_.size() - 2);
  } else if (kind == Kind::kSuffix) {
    p.literal_ = p.text_.substr(2);
  } else {
    p.literal_ = p.text_;
  }
  return p;
}

bool Pattern::MatchesOne(std::string_view s) const {
  switch (kind_) {
    case Kind::kExact:
      return s == literal_;
    case Kind::kPrefix:
      return s.starts_with(literal_);
    case Kind::kSuffix:
      // "**/foo" also matches "foo" itself.
      return s.ends_with(literal_) ||
             (literal_[0] == '/' && s == std::string_view(literal_).substr(1));
    case Kind::kGlob:
      return glob_.Matches(s);
  }
  return false;
}

bool Pattern::SuffixMatchesSelfOrAncestor(std::string_view path) const {
  for (size_t k = path.find('/', 1); k != std::string_view::npos;
       k = path.find('/', k + 1)) {
    if (MatchesOne(path.substr(0, k))) return true;
  }
  return MatchesOne(path);
}

bool Pattern::Matches(std::string_view path) const {
  if (path.empty() || path == ".") return false;
  switch (kind_) {
    case Kind::kExact:
      return path.starts_with(literal_) &&
             (path.size() == literal_.size() || path[literal_.size()] == '/');
    case Kind::kPrefix:
      // An ancestor starts with the literal only if the path does.
      return path.starts_with(literal_);
    case Kind::kSuffix:
      return SuffixMatchesSelfOrAncestor(path);
    case Kind::kGlob:
      return glob_.MatchesSelfOrAncestor(path);
  }
  return false;
}

bool Pattern::MayMatchUnder(std::string_view dir) const {
  if (dir.empty() || dir == ".") return true;
  const std::string under = std::string(dir) + "/";
  switch (kind_) {
    case Kind::kExact:
      return literal_.starts_with(under);
    case Kind::kPrefix:
      return literal_.starts_with(under) || under.starts_with(literal_);
    case Kind::kSuffix:
      return true;
    case Kind::kGlob:
      return glob_.MayMatchWithPrefix(under);
  }
  return true;
}

}  // namespace mybuild::frontend::ignore
