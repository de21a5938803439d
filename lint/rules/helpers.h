// Shared vocabulary of the rules: a rule made of a check function, visiting
// instructions of a type, RUN scripts with their shell facts (ONBUILD RUN
// triggers included), cache mounts and image references.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "lint/context.h"
#include "lint/rule.h"

namespace mybuild::lint::rules {

using CheckFn = void (*)(const LintContext&, Reporter&);

// A rule whose check is a plain function.
class FnRule final : public Rule {
 public:
  FnRule(RuleInfo info, CheckFn fn) : info_(info), fn_(fn) {}
  const RuleInfo& info() const override { return info_; }
  void Check(const LintContext& ctx, Reporter& out) const override {
    fn_(ctx, out);
  }

 private:
  RuleInfo info_;
  CheckFn fn_;
};

// Calls fn(instruction, stage index) for each instruction of type T.
template <typename T, typename Fn>
void ForEach(const LintContext& ctx, Fn fn) {
  for (const Located& l : ctx.instructions()) {
    if (const T* t = std::get_if<T>(l.instruction)) fn(*t, l.stage);
  }
}

// A RUN script with its facts: a RUN instruction, or an ONBUILD RUN trigger.
struct RunScript {
  const frontend::RunInstruction* run = nullptr;  // nullptr for ONBUILD
  const shell::ParsedShell* shell = nullptr;
  int line = 0;
  size_t stage = 0;
};

// Calls fn for every RUN whose shell is POSIX, then (when `onbuild`) for
// every ONBUILD RUN trigger, in source order within each group.
void ForEachRunScript(const LintContext& ctx, bool onbuild,
                      const std::function<void(const RunScript&)>& fn);

// `run` has a cache or tmpfs mount whose target is `dir` or inside it.
bool HasCacheMount(const frontend::RunInstruction* run, std::string_view dir);

// `s` without one pair of surrounding double or single quotes.
std::string Unquote(std::string_view s);

// A FROM image split into its parts ("reg.io:5000/a/b:1.0@sha256:..").
struct ImageRef {
  std::string registry;  // "" when none is written
  std::string name;      // path without the registry
  std::string tag;
  std::string digest;
};
ImageRef ParseImageRef(std::string_view image);

// The stage's `AS name` as written (not lower-cased): the last word of its
// FROM line, or "" for an unnamed stage.
std::string StageNameAsWritten(const frontend::Stage& stage);

// The names of the stages before `stage` (lower case), and their indexes.
bool IsEarlierStage(const LintContext& ctx, size_t stage,
                    std::string_view name);

// Whether any argument of `inv` names `path` or something inside it.
bool ArgUnder(const shell::Invocation& inv, std::string_view path);

}  // namespace mybuild::lint::rules
