// The lint pass of `mybuild build`: findings reported as warnings while the
// image builds.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "frontend/ignore/matcher.h"
#include "lint/config.h"
#include "lint/finding.h"

namespace mybuild::lint {

struct BuildLint {
  std::vector<Finding> findings;  // after the project's ignores and pragmas
  std::string config_error;       // a broken config, reported and skipped
  // The config's failure-threshold (.hadolint.yaml failure-threshold,
  // HADOLINT_FAILURE_THRESHOLD; default info): `build --lint=error` fails on
  // a finding at least this severe. kIgnore: never.
  Severity failure_threshold = Severity::kInfo;
};

// Lints the Dockerfile of a build with hadolint's rules and BuildKit's
// checks, under the settings `mybuild lint` would use from `cwd`: the
// HADOLINT_* variables read through `getenv`, then the first .hadolint.yaml
// of hadolint's search. ShellCheck is left out: a process per build would
// cost more than a whole no-op rebuild. A config that cannot be read or
// parsed does not stop the build: its message goes to `config_error` and the
// defaults apply. `dockerignore` is the context's matcher, when any.
BuildLint LintForBuild(std::string_view text, const std::string& filename,
                       const std::string& cwd, const GetEnv& getenv,
                       const frontend::ignore::Matcher* dockerignore);

}  // namespace mybuild::lint
