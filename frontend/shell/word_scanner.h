// Internal to the lexer: one pass over one word. Not for use elsewhere.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "frontend/shell/env.h"
#include "frontend/shell/lexer.h"

namespace mybuild::frontend::shell::internal {

// Collects the words of an expansion as its pieces arrive.
class WordSplitter {
 public:
  // A character that splits words when it is whitespace (unquoted text and
  // the values of unquoted expansions).
  void AddChar(char32_t r);
  void AddString(std::string_view s);
  // Text that never splits (escaped or quoted).
  void AddRawChar(char32_t r);
  void AddRawString(std::string_view s);
  std::vector<std::string> Take();

 private:
  std::string word_;
  std::vector<std::string> words_;
  bool in_word_ = false;
};

class WordScanner {
 public:
  WordScanner(std::string_view source, const LexerOptions& options,
              const Env& env, Expansion* out);

  // Expands the whole source into out->word and out->words; the error is
  // the bare reason (the caller adds which word failed).
  Status Run();
  // After Run failed: whether it was because the result grew past the
  // limit (Lexer::kMaxWordBytes, or the source's size when larger).
  bool too_big() const { return too_big_; }

 private:
  static constexpr char32_t kEof = 0xFFFFFFFF;
  char32_t Peek() const { return pos_ < runes_.size() ? runes_[pos_] : kEof; }
  char32_t Next() { return pos_ < runes_.size() ? runes_[pos_++] : kEof; }

  // Processes until `stop` (consumed) or the end of input; kEof means "to
  // the end". `raw_escapes` keeps escape characters, for patterns.
  Status ProcessStopOn(char32_t stop, bool raw_escapes, std::string* result,
                       WordSplitter* words);
  Status SingleQuote(std::string* result);
  Status DoubleQuote(std::string* result);

  // In dollar.cc: everything that starts with '$'.
  Status Dollar(std::string* result);
  Status Braced(std::string* result);
  Status Modifier(const std::string& name, char32_t op, bool null_is_unset,
                  const std::string& shown_op, std::string* result);
  Status Substitute(const std::string& name, std::string* result);
  // Fails once `s` (a result being built) is over the limit.
  Status Fits(const std::string& s);
  std::string Name();
  // Looks `name` up and records it as matched or unmatched.
  std::optional<std::string> GetEnv(const std::string& name);

  const LexerOptions& options_;
  const Env& env_;
  Expansion* out_;
  std::vector<char32_t> runes_;
  size_t pos_ = 0;
  bool raw_escapes_;
  int depth_ = 0;
  size_t limit_;
  bool too_big_ = false;
};

}  // namespace mybuild::frontend::shell::internal
