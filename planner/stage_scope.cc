#include "planner/stage_scope.h"

namespace mybuild::planner {

void StageScope::DeclareArg(const std::string& name, const std::string& value) {
  args_[name] = value;
}

void StageScope::SetEnv(const std::string& name, const std::string& value) {
  std::string entry = name + "=" + value;
  for (std::string& kv : *env_) {
    if (kv.compare(0, name.size() + 1, name + "=") == 0) {
      kv = entry;
      return;
    }
  }
  env_->push_back(entry);
}

frontend::shell::Env StageScope::ToEnv() const {
  std::vector<std::string> list;
  for (const auto& [k, v] : args_) list.push_back(k + "=" + v);
  list.insert(list.end(), env_->begin(), env_->end());  // later wins
  return frontend::shell::Env::FromList(list);
}

Expected<std::string> StageScope::Word(const std::string& word) const {
  return lexer_.ProcessWord(word, ToEnv());
}

Expected<std::string> StageScope::HeredocBody(const std::string& body) const {
  static const frontend::shell::Lexer* const kRaw = new frontend::shell::Lexer(
      frontend::shell::LexerOptions{.escape = '\\', .skip_process_quotes = true});
  return kRaw->ProcessWord(body, ToEnv());
}

Expected<std::vector<std::string>> StageScope::Words(
    const std::string& text) const {
  return lexer_.ProcessWords(text, ToEnv());
}

std::vector<std::string> StageScope::RunEnv() const {
  std::vector<std::string> out = *env_;
  for (const auto& [k, v] : args_) {
    bool shadowed = false;
    for (const std::string& kv : *env_) {
      if (kv.compare(0, k.size() + 1, k + "=") == 0) shadowed = true;
    }
    if (!shadowed) out.push_back(k + "=" + v);
  }
  return out;
}

}  // namespace mybuild::planner
