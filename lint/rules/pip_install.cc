#include "lint/rules/pip_install.h"

#include <string>
#include <vector>

namespace mybuild::lint::rules {

std::optional<shell::Invocation> PipInstall(const shell::Invocation& i) {
  if (i.name.rfind("pip", 0) == 0 && i.name.rfind("pipx", 0) != 0 &&
      i.name.rfind("pipenv", 0) != 0 && i.HasArg("install")) {
    return i;
  }
  if (i.name.rfind("python", 0) != 0) return std::nullopt;
  for (size_t k = 0; k + 1 < i.args.size(); ++k) {
    if (i.args[k] == "-m" && i.args[k + 1] == "pip") {
      shell::Invocation pip = shell::Invocation::Make(
          "pip",
          std::vector<std::string>(i.args.begin() + k + 2, i.args.end()));
      if (pip.HasArg("install")) return pip;
      return std::nullopt;
    }
  }
  return std::nullopt;
}

}  // namespace mybuild::lint::rules
