// Variable expansion and word splitting for Dockerfile instruction arguments,
// with the semantics of BuildKit's shell.Lex:
//   $v ${v} ${v:-w} ${v-w} ${v:+w} ${v+w} ${v:?m} ${v?m}
//   ${v#p} ${v##p} ${v%p} ${v%%p} ${v/p/r} ${v//p/r}   (see pattern.h)
// single quotes (all literal), double quotes (only $ expands; the escape
// character escapes only `"`, `$` and itself there), and the escape character
// of the Dockerfile's `# escape=` directive (`\` or a backtick) outside
// quotes. Positional ($1) and special ($@ $# $? ...) parameters are looked up
// by those names, so they are normally unset and expand to nothing. Variable
// names are case-sensitive (Linux). Input bytes that are not valid UTF-8
// become U+FFFD in the output, and a leading U+FEFF is dropped, as in
// BuildKit (Go's text/scanner).
#pragma once

#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "frontend/shell/env.h"

namespace mybuild::frontend::shell {

struct LexerOptions {
  char32_t escape = '\\';  // `\` or '`'
  // Keep quote characters in the output (BuildKit's RawQuotes).
  bool raw_quotes = false;
  // Keep escape characters in the output (BuildKit's RawEscapes).
  bool raw_escapes = false;
  // Quotes are ordinary characters, e.g. for heredoc bodies
  // (BuildKit's SkipProcessQuotes).
  bool skip_process_quotes = false;
  // References to unset variables are left as written, e.g. "${X:-a}"
  // (BuildKit's SkipUnsetEnv).
  bool skip_unset_env = false;
};

// Everything one expansion produced.
struct Expansion {
  // The expanded text as one string; whitespace is kept.
  std::string word;
  // The expanded text split into words: unquoted whitespace separates words,
  // and so does whitespace inside the value of an unquoted expansion; quoted
  // whitespace never does; empty words are dropped.
  std::vector<std::string> words;
  // Names that were looked up and found set / found unset; a name is in one
  // of the two. Positional and special names ("1", "@") count too.
  std::set<std::string> matched;
  std::set<std::string> unmatched;
};

// Immutable: one Lexer may serve many threads at once.
class Lexer {
 public:
  explicit Lexer(char32_t escape = '\\') { options_.escape = escape; }
  explicit Lexer(const LexerOptions& options) : options_(options) {}

  // Expands `word` against `env`. Fails (kInvalidArgument) with
  //   failed to process "<word>": <reason>
  // (the word quoted as Go's %q does, by unicode::Quote), where <reason> is
  // one of: unexpected end of statement while looking for
  // matching single-quote / double-quote / }; syntax error: missing '}';
  // syntax error: bad substitution; syntax error: missing '/' in ${};
  // unsupported modifier (<m>) in substitution; <name>: is not allowed to be
  // unset / empty (or the user's message of ${v?m}); invalid pattern (<p>) in
  // substitution: <why>; syntax error: substitutions nested too deeply (over
  // 100 levels). A result that would grow over kMaxWordBytes (or over the
  // size of `word` itself, when that is larger: a long heredoc body) fails
  // while it grows, as
  //   expanding "<word>": the result would be over 1 MiB
  Expected<Expansion> Expand(std::string_view word, const Env& env) const;

  // Expand(...).word. When `used` is given, every variable name the
  // expansion looked up (set or not) is added to it.
  Expected<std::string> ProcessWord(
      std::string_view word, const Env& env,
      std::set<std::string>* used = nullptr) const;

  // Expand(...).words, for instructions whose shell form is a word list
  // (VOLUME, EXPOSE, ...). `used` as for ProcessWord.
  Expected<std::vector<std::string>> ProcessWords(
      std::string_view word, const Env& env,
      std::set<std::string>* used = nullptr) const;

  const LexerOptions& options() const { return options_; }

  // The most an expanded word may hold, so `ARG A=$A$A` repeated cannot
  // grow a value to GiBs.
  static constexpr size_t kMaxWordBytes = size_t{1} << 20;

 private:
  LexerOptions options_;
};

}  // namespace mybuild::frontend::shell
