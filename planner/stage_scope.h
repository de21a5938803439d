// The variables in scope while a stage is planned: build args declared with
// ARG and the image config's ENV, in BuildKit's precedence (ENV wins).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "frontend/shell/lexer.h"

namespace mybuild::planner {

class StageScope {
 public:
  StageScope(char escape, std::vector<std::string>* config_env);

  // The most the variables of a stage (every ARG's and ENV's K=V, the base
  // image's ENV included) may hold together.
  static constexpr size_t kMaxEnvBytes = size_t{16} << 20;

  // Declares ARG `name` with `value` (already decided by the caller). Fails,
  // changing nothing, when the variables would then hold over kMaxEnvBytes:
  //   ARG A: the stage's variables would be over 16 MiB
  Status DeclareArg(const std::string& name, const std::string& value);
  // Sets ENV `name`=`value` in the image config's env; fails as DeclareArg
  // does ("ENV A: ...").
  Status SetEnv(const std::string& name, const std::string& value);

  // Expands one word (quotes removed); errors carry the lexer's message.
  Expected<std::string> Word(const std::string& word) const;
  // Expands a COPY/ADD heredoc body as BuildKit does: variables expand,
  // quotes are ordinary characters, and `\` escapes (whatever the
  // Dockerfile's escape directive says), so `\$X` is a literal "$X".
  // Errors carry the lexer's message.
  Expected<std::string> HeredocBody(const std::string& body) const;
  // Expands and splits into words (EXPOSE, VOLUME shell form).
  Expected<std::vector<std::string>> Words(const std::string& text) const;

  // The value of variable `name` as words see it (ENV first, then ARG);
  // nullopt when neither sets it.
  std::optional<std::string> Get(std::string_view name) const;

  // What a RUN sees: the config env plus the args not shadowed by it.
  std::vector<std::string> RunEnv() const;
  const std::map<std::string, std::string>& args() const { return args_; }

 private:
  frontend::shell::Env ToEnv() const;

  frontend::shell::Lexer lexer_;
  std::vector<std::string>* env_;  // the image config's Env, K=V
  std::map<std::string, std::string> args_;
  size_t bytes_ = 0;  // of every K=V in args_ and *env_
};

}  // namespace mybuild::planner
