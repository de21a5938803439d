#include "frontend/parser/heredoc_lexer.h"

#include <utility>

#include "frontend/unicode/classes.h"
#include "frontend/unicode/utf8.h"

namespace mybuild::frontend::parser {

using unicode::AppendRune;
using unicode::DecodeRune;
using unicode::IsDigit;
using unicode::IsLetter;
using unicode::IsSpace;
using unicode::Rune;

namespace {

constexpr char32_t kEof = 0xFFFFFFFF;

// Accumulates words the way the lexer's wordsStruct does: characters from
// quotes, escapes and `<<` are "raw" (never split), others split at spaces.
struct Words {
  std::string buf;
  std::vector<std::string> list;
  bool in_word = false;

  void AddChar(char32_t c) {
    if (IsSpace(c)) {
      if (in_word && !buf.empty()) {
        list.push_back(std::move(buf));
        buf.clear();
        in_word = false;
      }
      return;
    }
    AddRawChar(c);
  }
  void AddRawChar(char32_t c) {
    AppendRune(&buf, c);
    in_word = true;
  }
  void AddString(std::string_view s) {
    for (size_t i = 0; i < s.size();) {
      Rune r = DecodeRune(s, i);
      AddChar(r.value);
      i += r.width;
    }
  }
  void AddRawString(std::string_view s) {
    buf += s;
    in_word = true;
  }
  std::vector<std::string> Finish() {
    if (!buf.empty()) list.push_back(std::move(buf));
    return std::move(list);
  }
};

struct Piece {
  std::string text;                 // the processed text
  std::vector<std::string> words;   // and its words
};

class Lexer {
 public:
  Lexer(std::string_view s, LexOptions o) : s_(s), raw_quotes_(o.raw_quotes) {
    // Go's text/scanner skips a byte order mark at the very start.
    if (s_.substr(0, 3) == "\xEF\xBB\xBF") pos_ = 3;
  }

  Expected<Piece> StopOn(char32_t stop, bool raw_escapes);

 private:
  char32_t Peek() const {
    return pos_ < s_.size() ? DecodeRune(s_, pos_).value : kEof;
  }
  char32_t Next() {
    if (pos_ >= s_.size()) return kEof;
    Rune r = DecodeRune(s_, pos_);
    pos_ += r.width;
    return r.value;
  }
  Expected<std::string> SingleQuote();
  Expected<std::string> DoubleQuote(bool raw_escapes);
  Expected<std::string> Dollar();
  std::string Name();
  std::string PossibleHeredoc();

  std::string_view s_;
  size_t pos_ = 0;
  bool raw_quotes_;
};

Status Fail(const std::string& message) { return InvalidArgument(message); }

Expected<Piece> Lexer::StopOn(char32_t stop, bool raw_escapes) {
  Piece piece;
  Words words;
  while (Peek() != kEof) {
    char32_t c = Peek();
    if (stop != kEof && c == stop) {
      Next();
      piece.words = words.Finish();
      return piece;
    }
    if (c == '$' || c == '\'' || c == '"' || c == '<') {
      Expected<std::string> part = c == '$'    ? Dollar()
                                   : c == '\'' ? SingleQuote()
                                   : c == '"'  ? DoubleQuote(raw_escapes)
                                               : Expected<std::string>(
                                                     PossibleHeredoc());
      if (!part.ok()) return part.status();
      piece.text += *part;
      if (c == '$') {
        words.AddString(*part);
      } else {
        words.AddRawString(*part);
      }
      continue;
    }
    c = Next();
    if (c == '\\') {
      if (raw_escapes) {
        words.AddRawChar(c);
        AppendRune(&piece.text, c);
      }
      c = Next();
      if (c == kEof) break;
      words.AddRawChar(c);
    } else {
      words.AddChar(c);
    }
    AppendRune(&piece.text, c);
  }
  if (stop != kEof) {
    std::string want;
    AppendRune(&want, stop);
    return Fail("unexpected end of statement while looking for matching " +
                want);
  }
  piece.words = words.Finish();
  return piece;
}

Expected<std::string> Lexer::SingleQuote() {
  std::string out;
  char32_t c = Next();
  if (raw_quotes_) AppendRune(&out, c);
  while (true) {
    c = Next();
    if (c == kEof) {
      return Fail("unexpected end of statement while looking for matching "
                  "single-quote");
    }
    if (c == '\'') {
      if (raw_quotes_) AppendRune(&out, c);
      return out;
    }
    AppendRune(&out, c);
  }
}

Expected<std::string> Lexer::DoubleQuote(bool raw_escapes) {
  std::string out;
  char32_t c = Next();
  if (raw_quotes_) AppendRune(&out, c);
  while (true) {
    c = Peek();
    if (c == kEof) {
      return Fail("unexpected end of statement while looking for matching "
                  "double-quote");
    }
    if (c == '"') {
      Next();
      if (raw_quotes_) AppendRune(&out, c);
      return out;
    }
    if (c == '$') {
      Expected<std::string> value = Dollar();
      if (!value.ok()) return value.status();
      out += *value;
      continue;
    }
    c = Next();
    if (c == '\\') {
      if (raw_escapes) AppendRune(&out, c);
      char32_t next = Peek();
      if (next == kEof) continue;
      if (next == '"' || next == '$' || next == '\\') c = Next();
    }
    AppendRune(&out, c);
  }
}

std::string Lexer::Name() {
  std::string name;
  while (Peek() != kEof) {
    char32_t c = Peek();
    if (name.empty() && IsDigit(c)) {
      while (Peek() != kEof && IsDigit(Peek())) AppendRune(&name, Next());
      return name;
    }
    if (name.empty() && (c == '@' || c == '*' || c == '#' || c == '?' ||
                         c == '-' || c == '$' || c == '!' || c == '0')) {
      AppendRune(&name, Next());
      return name;
    }
    if (!IsLetter(c) && !IsDigit(c) && c != '_') break;
    AppendRune(&name, Next());
  }
  return name;
}

// Every variable is unset here, so each form comes back as written (except
// `${a//b/c}`, which BuildKit also rewrites to `${a/b/c}`).
Expected<std::string> Lexer::Dollar() {
  Next();
  if (Peek() != '{') {
    std::string name = Name();
    return "$" + name;
  }
  Next();
  char32_t c = Peek();
  if (c == kEof) return Fail("syntax error: missing '}'");
  if (c == '{' || c == '}' || c == ':') {
    return Fail("syntax error: bad substitution");
  }
  std::string name = Name();
  c = Next();
  std::string modifier;
  AppendRune(&modifier, c);
  auto nested = [&](char32_t stop, bool raw, const char* missing)
      -> Expected<std::string> {
    Expected<Piece> piece = StopOn(stop, raw);
    if (!piece.ok()) {
      if (Peek() == kEof) return Fail(missing);
      return piece.status();
    }
    return std::move(piece->text);
  };
  if (c == '}') return "${" + name + "}";
  bool null_is_unset = false;
  if (c == ':') {
    null_is_unset = true;
    c = Next();
    AppendRune(&modifier, c);
  }
  if (null_is_unset || c == '+' || c == '-' || c == '?' || c == '#' ||
      c == '%') {
    bool raw = c == '#' || c == '%';
    if (null_is_unset && raw) {
      return Fail("unsupported modifier (" + modifier + ") in substitution");
    }
    Expected<std::string> word = nested('}', raw, "syntax error: missing '}'");
    if (!word.ok()) return word.status();
    return "${" + name + modifier + *word + "}";
  }
  if (c == '/') {
    if (Peek() == '/') Next();
    Expected<std::string> pattern =
        nested('/', true, "syntax error: missing '/' in ${}");
    if (!pattern.ok()) return pattern.status();
    Expected<std::string> replacement =
        nested('}', true, "syntax error: missing '}'");
    if (!replacement.ok()) return replacement.status();
    return "${" + name + "/" + *pattern + "/" + *replacement + "}";
  }
  return Fail("unsupported modifier (" + modifier + ") in substitution");
}

std::string Lexer::PossibleHeredoc() {
  Next();
  if (Peek() != '<') return "<";
  Next();
  std::string out = "<<";
  while (Peek() == ' ' || Peek() == '\t') AppendRune(&out, Next());
  return out;
}

}  // namespace

Expected<std::vector<std::string>> LexWords(std::string_view text,
                                            LexOptions options) {
  Lexer lexer(text, options);
  Expected<Piece> piece = lexer.StopOn(kEof, options.raw_escapes);
  if (!piece.ok()) return piece.status();
  return std::move(piece->words);
}

}  // namespace mybuild::frontend::parser
