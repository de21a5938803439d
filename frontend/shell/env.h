// The variables a word is expanded against.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mybuild::frontend::shell {

// A set of variables, looked up by exact (case-sensitive) name. Either a map
// built from KEY=VALUE entries, or a caller's lookup function (so a planner
// that keeps its own scope need not copy it for every word).
class Env {
 public:
  using LookupFn =
      std::function<std::optional<std::string>(std::string_view name)>;

  Env() = default;

  // Entries "KEY=VALUE" split at the first '='; an entry without '=' sets
  // KEY to "". When a key repeats, the later entry wins (as BuildKit's
  // BuildEnvs does).
  static Env FromList(const std::vector<std::string>& entries);

  // Every Lookup is answered by `fn` (nullopt = unset).
  static Env FromFunction(LookupFn fn);

  // Sets (or replaces) one variable; on a function-backed Env it shadows
  // what the function says about that name.
  void Set(std::string key, std::string value);

  // The value of `name`, or nullopt when it is unset. A variable set to ""
  // is set.
  std::optional<std::string> Lookup(std::string_view name) const;

 private:
  std::map<std::string, std::string, std::less<>> vars_;
  LookupFn fn_;
};

}  // namespace mybuild::frontend::shell
