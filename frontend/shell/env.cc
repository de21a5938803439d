#include "frontend/shell/env.h"

#include <utility>

namespace mybuild::frontend::shell {

Env Env::FromList(const std::vector<std::string>& entries) {
  Env env;
  for (const std::string& entry : entries) {
    const size_t eq = entry.find('=');
    if (eq == std::string::npos) {
      env.Set(entry, "");
    } else {
      env.Set(entry.substr(0, eq), entry.substr(eq + 1));
    }
  }
  return env;
}

Env Env::FromFunction(LookupFn fn) {
  Env env;
  env.fn_ = std::move(fn);
  return env;
}

void Env::Set(std::string key, std::string value) {
  vars_.insert_or_assign(std::move(key), std::move(value));
}

std::optional<std::string> Env::Lookup(std::string_view name) const {
  auto it = vars_.find(name);
  if (it != vars_.end()) return it->second;
  if (fn_) return fn_(name);
  return std::nullopt;
}

}  // namespace mybuild::frontend::shell
