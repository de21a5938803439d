// DL3013 (warning): Pin versions in pip. Instead of `pip install <package>` use
// `pip install <package>==<version>` or `pip install --requirement
// <requirements file>`

#include <algorithm>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lint/rules/helpers.h"
#include "lint/rules/pip_install.h"
#include "lint/rules/rules.h"

namespace mybuild::lint::rules {
namespace {

bool Pinned(const std::string& p) {
  static constexpr std::string_view kOps[] = {"==", ">=", "<=", ">",
                                              "<",  "!=", "~=", "==="};
  for (std::string_view op : kOps) {
    if (p.find(op) != std::string::npos) return true;
  }
  auto ends = [&](std::string_view s) {
    return p.size() >= s.size() &&
           p.compare(p.size() - s.size(), s.size(), s) == 0;
  };
  if (ends(".whl") || ends(".tar.gz")) return true;
  bool vcs = p.rfind("git", 0) == 0 || p.rfind("hg", 0) == 0 ||
             p.rfind("svn", 0) == 0 || p.rfind("bzr", 0) == 0;
  if (vcs) return p.find('@') != std::string::npos;
  return p.find('/') != std::string::npos;
}

bool Unpinned(const shell::Invocation& pip) {
  if (pip.HasAnyArg({"--requirement", "-r", "."}) ||
      pip.HasAnyFlag({"constraint", "c"})) {
    return false;
  }
  shell::Invocation d = pip.DropFlagArg({"abi",
                                         "b",
                                         "build",
                                         "e",
                                         "editable",
                                         "extra-index-url",
                                         "f",
                                         "find-links",
                                         "i",
                                         "index-url",
                                         "implementation",
                                         "no-binary",
                                         "only-binary",
                                         "platform",
                                         "prefix",
                                         "progress-bar",
                                         "proxy",
                                         "python-version",
                                         "root",
                                         "src",
                                         "t",
                                         "target",
                                         "trusted-host",
                                         "upgrade-strategy"});
  std::vector<std::string> args = d.ArgsNoFlags();
  auto it = std::find(args.begin(), args.end(), "install");
  while (it != args.end() && *it == "install") ++it;
  return std::any_of(it, args.end(),
                     [](const std::string& p) { return !Pinned(p); });
}

void Check(const LintContext& ctx, Reporter& out) {
  ForEachRunScript(ctx, true, [&](const RunScript& r) {
    if (r.shell->AnyCommand([](const shell::Invocation& i) {
          std::optional<shell::Invocation> pip = PipInstall(i);
          return pip && Unpinned(*pip);
        })) {
      out.Report(r.line);
    }
  });
}

}  // namespace

const Rule& Dl3013() {
  static const FnRule rule(
      {"DL3013", Severity::kWarning,
       "Pin versions in pip. Instead of `pip install <package>` use `pip "
       "install <package>==<version>` or `pip install --requirement "
       "<requirements file>`"},
      Check);
  return rule;
}

}  // namespace mybuild::lint::rules
