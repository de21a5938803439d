#include "frontend/shell/lexer.h"

#include "frontend/shell/word_scanner.h"
#include "frontend/unicode/go_strings.h"

namespace mybuild::frontend::shell {

using unicode::Quote;

namespace {

void AddUsed(const Expansion& e, std::set<std::string>* used) {
  if (used == nullptr) return;
  used->insert(e.matched.begin(), e.matched.end());
  used->insert(e.unmatched.begin(), e.unmatched.end());
}

}  // namespace

Expected<Expansion> Lexer::Expand(std::string_view word, const Env& env) const {
  Expansion expansion;
  internal::WordScanner scanner(word, options_, env, &expansion);
  if (Status st = scanner.Run(); !st.ok()) {
    if (scanner.too_big()) return st.WithPrefix("expanding " + Quote(word));
    return st.WithPrefix("failed to process " + Quote(word));
  }
  return expansion;
}

Expected<std::string> Lexer::ProcessWord(std::string_view word, const Env& env,
                                         std::set<std::string>* used) const {
  ASSIGN_OR_RETURN(Expansion e, Expand(word, env));
  AddUsed(e, used);
  return std::move(e.word);
}

Expected<std::vector<std::string>> Lexer::ProcessWords(
    std::string_view word, const Env& env, std::set<std::string>* used) const {
  ASSIGN_OR_RETURN(Expansion e, Expand(word, env));
  AddUsed(e, used);
  return std::move(e.words);
}

}  // namespace mybuild::frontend::shell
