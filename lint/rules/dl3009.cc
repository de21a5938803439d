// DL3009 (info): Delete the apt-get lists after installing something

#include <set>
#include <string>

#include "lint/rules/helpers.h"
#include "lint/rules/rules.h"

namespace mybuild::lint::rules {
namespace {

void Check(const LintContext& ctx, Reporter& out) {
  const auto& stages = ctx.dockerfile().stages;
  std::set<std::string> bases;
  for (const frontend::Stage& s : stages) bases.insert(s.base);
  ForEachRunScript(ctx, true, [&](const RunScript& r) {
    bool update = r.shell->AnyCommand(
        [](const shell::Invocation& i) { return i.Is("apt-get", "update"); });
    if (!update) return;
    bool cleaned = r.shell->AnyCommand([](const shell::Invocation& i) {
      return (i.name == "rm" && ArgUnder(i, "/var/lib/apt/lists")) ||
             i.Is("apt-get", "dist-clean") || i.Is("apt", "dist-clean");
    });
    if (cleaned || HasCacheMount(r.run, "/var/lib/apt/lists") ||
        (HasCacheMount(r.run, "/var/lib/apt") &&
         HasCacheMount(r.run, "/var/cache/apt"))) {
      return;
    }
    bool last = r.stage + 1 == stages.size();
    const std::string& name = stages[r.stage].name;
    if (last || (!name.empty() && bases.count(name))) out.Report(r.line);
  });
}

}  // namespace

const Rule& Dl3009() {
  static const FnRule rule(
      {"DL3009", Severity::kInfo,
       "Delete the apt-get lists after installing something"},
      Check);
  return rule;
}

}  // namespace mybuild::lint::rules
