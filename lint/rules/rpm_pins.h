// hadolint's rpm package pins, shared by DL3033 (yum) and DL3041 (dnf,
// microdnf): which words of an install count as pinned to a version.
#pragma once

#include <initializer_list>
#include <string_view>

#include "lint/context.h"
#include "lint/rule.h"

namespace mybuild::lint::rules {

// Reports every RUN (and ONBUILD RUN trigger) where a command named one of
// `names` installs an unpinned package or module, as hadolint's
// DL3033/DL3041 `packageVersionFixed` and `moduleVersionFixed` decide:
// - the packages are the non-flag words (but "install" and "module") of a
//   command with the argument "install" and none of `not_packages` (yum:
//   "module"; dnf: "module", "group");
// - a package is pinned when it has a '-' and either ends in ".rpm", or
//   holds a '$' and names as `${VAR}` an ENV of its stage (inherited through
//   `FROM stage`) or an ARG declared before it anywhere, or else the parts
//   after its first '-' are all made of [0-9A-Za-z.~^_:+] and one of them
//   starts with a digit ("pkg-1.2.3-4.el8" is, "python3-devel" and "pkg"
//   are not);
// - the modules are the same words of a command with the argument
//   "module"; a module is pinned when it holds a ':' ("nodejs:18").
// ONBUILD RUN triggers are checked on their own, as hadolint's `onbuild`
// sees only ONBUILD instructions: only ONBUILD ENV and ARG triggers before
// them define variables.
void ReportUnpinnedRpms(const LintContext& ctx, Reporter& out,
                        std::initializer_list<std::string_view> names,
                        std::initializer_list<std::string_view> not_packages);

}  // namespace mybuild::lint::rules
