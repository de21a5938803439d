// libFuzzer target for the shell lexer. The first input byte picks the
// escape character and the options; the rest is the word. Besides memory
// errors (ASan), it checks that the three entry points agree and that no
// produced word is empty.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "frontend/shell/lexer.h"

using mybuild::frontend::shell::Env;
using mybuild::frontend::shell::Expansion;
using mybuild::frontend::shell::Lexer;
using mybuild::frontend::shell::LexerOptions;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  LexerOptions options;
  options.escape = (data[0] & 1) ? '`' : '\\';
  options.raw_quotes = data[0] & 2;
  options.raw_escapes = data[0] & 4;
  options.skip_process_quotes = data[0] & 8;
  options.skip_unset_env = data[0] & 16;
  const std::string_view word(reinterpret_cast<const char*>(data) + 1,
                              size - 1);
  static const Env env = Env::FromList(
      {"PWD=/home", "EMPTY=", "SPACE=a  b ", "GLOB=*?\\", "PATH=/a/b/c.txt",
       "KOREAN=\xED\x95\x9C", "DOLLAR=$0$$x", "BAD=\xFF\xFE"});
  const Lexer lexer(options);
  const mybuild::Expected<Expansion> e = lexer.Expand(word, env);
  const auto single = lexer.ProcessWord(word, env);
  const auto words = lexer.ProcessWords(word, env);
  if (e.ok() != single.ok() || e.ok() != words.ok()) std::abort();
  if (!e.ok()) return 0;
  if (*single != e->word || *words != e->words) std::abort();
  for (const std::string& w : e->words) {
    if (w.empty()) std::abort();
  }
  return 0;
}
