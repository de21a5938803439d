#include "lint/rules/rpm_pins.h"

#include <cctype>
#include <set>
#include <string>
#include <vector>

#include "lint/rules/helpers.h"

namespace mybuild::lint::rules {
namespace {

bool IsVersionChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) ||
         std::string_view(".~^_:+").find(c) != std::string_view::npos;
}

// The variables in scope for one RUN: `${NAME}` is defined when NAME is in
// either set.
struct Scope {
  const std::set<std::string>* envs = nullptr;
  const std::set<std::string>* args = nullptr;
  bool Defines(std::string_view package) const {
    for (const std::set<std::string>* names : {envs, args}) {
      if (names == nullptr) continue;
      for (const std::string& n : *names) {
        if (package.find("${" + n + "}") != std::string_view::npos) {
          return true;
        }
      }
    }
    return false;
  }
};

bool PackagePinned(std::string_view package, const Scope& scope) {
  size_t dash = package.find('-');
  if (dash == std::string_view::npos) return false;
  if (package.size() >= 4 && package.substr(package.size() - 4) == ".rpm") {
    return true;
  }
  if (package.find('$') != std::string_view::npos) {
    return scope.Defines(package);
  }
  bool digit = false;
  std::string_view rest = package.substr(dash + 1);
  for (size_t start = 0;;) {
    size_t end = rest.find('-', start);
    std::string_view part = rest.substr(start, end - start);
    for (char c : part) {
      if (!IsVersionChar(c)) return false;
    }
    if (!part.empty() && std::isdigit(static_cast<unsigned char>(part[0]))) {
      digit = true;
    }
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return digit;
}

bool NameIn(const shell::Invocation& i,
            std::initializer_list<std::string_view> names) {
  for (std::string_view n : names) {
    if (i.name == n) return true;
  }
  return false;
}

bool Unpinned(const shell::ParsedShell& sh,
              std::initializer_list<std::string_view> names,
              std::initializer_list<std::string_view> not_packages,
              const Scope& scope) {
  return sh.AnyCommand([&](const shell::Invocation& i) {
    if (!NameIn(i, names) || !i.HasArg("install")) return false;
    bool module = i.HasArg("module");
    bool packages = true;
    for (std::string_view w : not_packages) {
      if (i.HasArg(w)) packages = false;
    }
    for (const std::string& a : i.ArgsNoFlags()) {
      if (a == "install" || a == "module") continue;
      if (packages && !PackagePinned(a, scope)) return true;
      if (module && a.find(':') == std::string::npos) return true;
    }
    return false;
  });
}

}  // namespace

void ReportUnpinnedRpms(const LintContext& ctx, Reporter& out,
                        std::initializer_list<std::string_view> names,
                        std::initializer_list<std::string_view> not_packages) {
  const frontend::Dockerfile& df = ctx.dockerfile();
  std::set<std::string> args;
  for (const frontend::ArgInstruction& a : df.global_args) {
    for (const frontend::ArgDecl& d : a.args) args.insert(d.name);
  }
  std::vector<std::string> aliases;  // as written, "" for unnamed stages
  std::vector<std::set<std::string>> envs;
  for (const frontend::Stage& stage : df.stages) {
    std::set<std::string> inherited;
    for (size_t s = 0; s < aliases.size(); ++s) {
      if (aliases[s] == stage.base) {
        inherited = envs[s];
        break;
      }
    }
    aliases.push_back(StageNameAsWritten(stage));
    envs.push_back(std::move(inherited));
    for (const frontend::Instruction& i : stage.instructions) {
      if (const auto* e = std::get_if<frontend::EnvInstruction>(&i)) {
        for (const frontend::KeyValue& kv : e->vars) envs.back().insert(kv.key);
      } else if (const auto* a = std::get_if<frontend::ArgInstruction>(&i)) {
        for (const frontend::ArgDecl& d : a->args) args.insert(d.name);
      } else if (const auto* r = std::get_if<frontend::RunInstruction>(&i)) {
        const shell::ParsedShell* sh = ctx.Shell(*r);
        if (sh &&
            Unpinned(*sh, names, not_packages, Scope{&envs.back(), &args})) {
          out.Report(r->range.start_line);
        }
      }
    }
  }
  // hadolint's `onbuild` copy of the rule sees only ONBUILD instructions:
  // their ENV and ARG triggers define variables for the RUN triggers after
  // them, all in one scope.
  std::set<std::string> onbuild_envs, onbuild_args;
  ForEach<frontend::OnbuildInstruction>(
      ctx, [&](const frontend::OnbuildInstruction& ob, size_t) {
        Expected<frontend::Instruction> t =
            frontend::ParseOnbuildTrigger(ob.expression);
        if (!t.ok()) return;
        if (const auto* e = std::get_if<frontend::EnvInstruction>(&*t)) {
          for (const frontend::KeyValue& kv : e->vars) {
            onbuild_envs.insert(kv.key);
          }
        } else if (const auto* a = std::get_if<frontend::ArgInstruction>(&*t)) {
          for (const frontend::ArgDecl& d : a->args)
            onbuild_args.insert(d.name);
        } else if (const auto* r = std::get_if<frontend::RunInstruction>(&*t)) {
          shell::ParsedShell sh(LintContext::ScriptOf(*r));
          if (Unpinned(sh, names, not_packages,
                       Scope{&onbuild_envs, &onbuild_args})) {
            out.Report(ob.range.start_line);
          }
        }
      });
}

}  // namespace mybuild::lint::rules
