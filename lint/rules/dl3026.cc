// DL3026 (error): Use only an allowed registry in the FROM image

#include <algorithm>
#include <string>

#include "lint/rules/helpers.h"
#include "lint/rules/rules.h"

namespace mybuild::lint::rules {
namespace {

bool Allowed(const std::string& trusted, const std::string& registry) {
  if (trusted == registry) return true;
  if (registry == "docker.io" &&
      (trusted == "hub.docker.com" || trusted == "index.docker.io")) {
    return true;
  }
  if (trusted.rfind("*.", 0) == 0) {
    std::string suffix = trusted.substr(1);
    return registry.size() > suffix.size() &&
           registry.compare(registry.size() - suffix.size(), suffix.size(),
                            suffix) == 0;
  }
  return false;
}

void Check(const LintContext& ctx, Reporter& out) {
  const auto& trusted = ctx.options().trusted_registries;
  if (trusted.empty()) return;
  const auto& stages = ctx.dockerfile().stages;
  for (size_t i = 0; i < stages.size(); ++i) {
    const std::string& base = stages[i].base;
    if (base == "scratch" || base.find('$') != std::string::npos ||
        IsEarlierStage(ctx, i, base)) {
      continue;
    }
    std::string registry = ParseImageRef(base).registry;
    if (registry.empty()) registry = "docker.io";
    if (!std::any_of(trusted.begin(), trusted.end(), [&](const std::string& t) {
          return Allowed(t, registry);
        })) {
      out.Report(stages[i].range.start_line);
    }
  }
}

}  // namespace

const Rule& Dl3026() {
  static const FnRule rule({"DL3026", Severity::kError,
                            "Use only an allowed registry in the FROM image"},
                           Check);
  return rule;
}

}  // namespace mybuild::lint::rules
