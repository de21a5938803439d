// DL3042 (warning): Avoid use of cache directory with pip. Use `pip install
// --no-cache-dir <package>`

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "lint/rules/helpers.h"
#include "lint/rules/pip_install.h"
#include "lint/rules/rules.h"

namespace mybuild::lint::rules {
namespace {

// Some pip install in `sh` keeps its cache (no --no-cache-dir, no
// PIP_NO_CACHE_DIR given to it).
bool MissesNoCacheDir(const shell::ParsedShell& sh) {
  return sh.AnyCommand([](const shell::Invocation& i) {
    std::optional<shell::Invocation> pip = PipInstall(i);
    return pip && !pip->HasFlag("no-cache-dir") &&
           !pip->HasAnyArg({"--no-cache-dir=1", "--no-cache-dir=true"}) &&
           !(i.name == "env" || i.wrapper == "env" ||
             i.HasArgWithPrefix("PIP_NO_CACHE_DIR="));
  });
}

void Check(const LintContext& ctx, Reporter& out) {
  std::vector<bool> env_off(ctx.dockerfile().stages.size(), false);
  for (const Located& l : ctx.instructions()) {
    if (const auto* e = std::get_if<frontend::EnvInstruction>(l.instruction)) {
      for (const frontend::KeyValue& kv : e->vars) {
        std::string v = Unquote(kv.value);
        if (kv.key == "PIP_NO_CACHE_DIR") {
          env_off[l.stage] =
              !(v == "0" || v == "false" || v == "off" || v == "no");
        }
      }
      continue;
    }
    const auto* run = std::get_if<frontend::RunInstruction>(l.instruction);
    const shell::ParsedShell* sh = run ? ctx.Shell(*run) : nullptr;
    if (sh == nullptr || env_off[l.stage] ||
        HasCacheMount(run, "/root/.cache/pip") ||
        std::any_of(run->mounts.begin(), run->mounts.end(),
                    [](const frontend::MountSpec& m) {
                      return m.type == frontend::MountType::kCache &&
                             m.target.find(".cache/pip") != std::string::npos;
                    })) {
      continue;
    }
    if (MissesNoCacheDir(*sh)) {
      out.Report(run->range.start_line);
    }
  }
  // hadolint's DL3042.hs is `dl3042 <> onbuild dl3042`: ONBUILD RUN
  // triggers are checked too, with no ENV of theirs to turn it off.
  ForEachRunScript(ctx, true, [&](const RunScript& r) {
    if (r.run == nullptr && MissesNoCacheDir(*r.shell)) out.Report(r.line);
  });
}

}  // namespace

const Rule& Dl3042() {
  static const FnRule rule({"DL3042", Severity::kWarning,
                            "Avoid use of cache directory with pip. Use `pip "
                            "install --no-cache-dir <package>`"},
                           Check);
  return rule;
}

}  // namespace mybuild::lint::rules
