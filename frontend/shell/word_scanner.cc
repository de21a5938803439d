#include "frontend/shell/word_scanner.h"

#include <algorithm>

#include "frontend/unicode/classes.h"
#include "frontend/unicode/utf8.h"

namespace mybuild::frontend::shell::internal {

using unicode::AppendRune;
using unicode::IsSpace;
using unicode::NextRune;

namespace {

// Restores a flag when the scope that overrode it ends.
class ScopedFlag {
 public:
  ScopedFlag(bool* flag, bool value) : flag_(flag), saved_(*flag) {
    *flag = value;
  }
  ~ScopedFlag() { *flag_ = saved_; }
  ScopedFlag(const ScopedFlag&) = delete;
  ScopedFlag& operator=(const ScopedFlag&) = delete;

 private:
  bool* flag_;
  bool saved_;
};

}  // namespace

void WordSplitter::AddChar(char32_t r) {
  if (!IsSpace(r)) {
    AddRawChar(r);
  } else if (in_word_ && !word_.empty()) {
    words_.push_back(std::move(word_));
    word_.clear();
    in_word_ = false;
  }
}

void WordSplitter::AddString(std::string_view s) {
  for (size_t pos = 0; pos < s.size();) AddChar(NextRune(s, &pos));
}

void WordSplitter::AddRawChar(char32_t r) {
  AppendRune(&word_, r);
  in_word_ = true;
}

void WordSplitter::AddRawString(std::string_view s) {
  word_.append(s);
  in_word_ = true;
}

std::vector<std::string> WordSplitter::Take() {
  if (!word_.empty()) words_.push_back(std::move(word_));
  word_.clear();
  in_word_ = false;
  return std::move(words_);
}

WordScanner::WordScanner(std::string_view source, const LexerOptions& options,
                         const Env& env, Expansion* out)
    : options_(options),
      env_(env),
      out_(out),
      raw_escapes_(options.raw_escapes),
      limit_(std::max(Lexer::kMaxWordBytes, source.size())) {
  for (size_t pos = 0; pos < source.size();) {
    runes_.push_back(NextRune(source, &pos));
  }
  if (!runes_.empty() && runes_[0] == 0xFEFF) pos_ = 1;  // as text/scanner
}

Status WordScanner::Fits(const std::string& s) {
  if (s.size() <= limit_) return Status::Ok();
  too_big_ = true;
  return InvalidArgument("the result would be over 1 MiB");
}

Status WordScanner::Run() {
  WordSplitter words;
  RETURN_IF_ERROR(
      ProcessStopOn(kEof, options_.raw_escapes, &out_->word, &words));
  out_->words = words.Take();
  return Status::Ok();
}

Status WordScanner::ProcessStopOn(char32_t stop, bool raw_escapes,
                                  std::string* result, WordSplitter* words) {
  ScopedFlag raw(&raw_escapes_, raw_escapes);
  const bool quotes = !options_.skip_process_quotes;
  while (Peek() != kEof) {
    char32_t ch = Peek();
    if (stop != kEof && ch == stop) {
      Next();
      return Status::Ok();
    }
    if (ch == '$' || (quotes && (ch == '\'' || ch == '"'))) {
      std::string piece;
      RETURN_IF_ERROR(ch == '$'   ? Dollar(&piece)
                      : ch == '"' ? DoubleQuote(&piece)
                                  : SingleQuote(&piece));
      result->append(piece);
      RETURN_IF_ERROR(Fits(*result));
      if (ch == '$') {
        words->AddString(piece);
      } else {
        words->AddRawString(piece);
      }
      continue;
    }
    ch = Next();
    if (ch == options_.escape) {
      if (raw_escapes_) {
        words->AddRawChar(ch);
        AppendRune(result, ch);
      }
      ch = Next();  // the escaped character, literal
      if (ch == kEof) break;
      words->AddRawChar(ch);
    } else {
      words->AddChar(ch);
    }
    AppendRune(result, ch);
  }
  if (stop != kEof) {
    std::string message =
        "unexpected end of statement while looking for matching ";
    AppendRune(&message, stop);
    return InvalidArgument(message);
  }
  return Status::Ok();
}

Status WordScanner::SingleQuote(std::string* result) {
  // Everything up to the next ' is literal; nothing can escape a '.
  if (options_.raw_quotes) result->push_back('\'');
  Next();
  for (char32_t ch = Next(); ch != '\''; ch = Next()) {
    if (ch == kEof) {
      return InvalidArgument(
          "unexpected end of statement while looking for matching "
          "single-quote");
    }
    AppendRune(result, ch);
  }
  if (options_.raw_quotes) result->push_back('\'');
  return Status::Ok();
}

Status WordScanner::DoubleQuote(std::string* result) {
  // Literal except for $ expansions and the escape character before
  // `"`, `$` or itself; before anything else the escape character stays.
  if (options_.raw_quotes) result->push_back('"');
  Next();
  while (true) {
    const char32_t peek = Peek();
    if (peek == kEof) {
      return InvalidArgument(
          "unexpected end of statement while looking for matching "
          "double-quote");
    }
    if (peek == '"') {
      Next();
      if (options_.raw_quotes) result->push_back('"');
      return Status::Ok();
    }
    if (peek == '$') {
      RETURN_IF_ERROR(Dollar(result));
      RETURN_IF_ERROR(Fits(*result));
      continue;
    }
    char32_t ch = Next();
    if (ch == options_.escape) {
      if (raw_escapes_) AppendRune(result, ch);
      const char32_t next = Peek();
      if (next == kEof) continue;  // dropped; the loop reports the quote
      if (next == '"' || next == '$' || next == options_.escape) ch = Next();
    }
    AppendRune(result, ch);
  }
}

}  // namespace mybuild::frontend::shell::internal
