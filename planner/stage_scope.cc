#include "planner/stage_scope.h"

namespace mybuild::planner {

namespace {

Status TooBig(const char* what, const std::string& name) {
  return InvalidArgument(std::string(what) + " " + name +
                         ": the stage's variables would be over 16 MiB");
}

// The last entry of `name` in `env` ("K=V", or "K" for K=""), or null.
std::string* Find(std::vector<std::string>& env, std::string_view name) {
  for (auto it = env.rbegin(); it != env.rend(); ++it) {
    if (it->compare(0, name.size(), name) == 0 &&
        (it->size() == name.size() || (*it)[name.size()] == '=')) {
      return &*it;
    }
  }
  return nullptr;
}

}  // namespace

StageScope::StageScope(char escape, std::vector<std::string>* config_env)
    : lexer_(escape), env_(config_env) {
  for (const std::string& kv : *env_) bytes_ += kv.size();
}

Status StageScope::DeclareArg(const std::string& name, const std::string& value) {
  auto it = args_.find(name);
  size_t old = it == args_.end() ? 0 : name.size() + 1 + it->second.size();
  size_t bytes = bytes_ - old + name.size() + 1 + value.size();
  if (bytes > kMaxEnvBytes) return TooBig("ARG", name);
  bytes_ = bytes;
  args_[name] = value;
  return Status::Ok();
}

Status StageScope::SetEnv(const std::string& name, const std::string& value) {
  std::string entry = name + "=" + value;
  std::string* kv = Find(*env_, name);
  size_t bytes = bytes_ - (kv ? kv->size() : 0) + entry.size();
  if (bytes > kMaxEnvBytes) return TooBig("ENV", name);
  bytes_ = bytes;
  if (kv) {
    *kv = std::move(entry);
  } else {
    env_->push_back(std::move(entry));
  }
  return Status::Ok();
}

std::optional<std::string> StageScope::Get(std::string_view name) const {
  if (const std::string* kv = Find(*env_, name)) {  // ENV wins
    return kv->size() == name.size() ? "" : kv->substr(name.size() + 1);
  }
  auto it = args_.find(std::string(name));
  if (it == args_.end()) return std::nullopt;
  return it->second;
}

// Looked up in place: copying up to 16 MiB of variables for every word
// would cost more than the expansion.
frontend::shell::Env StageScope::ToEnv() const {
  return frontend::shell::Env::FromFunction(
      [this](std::string_view name) { return Get(name); });
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
