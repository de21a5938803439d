// The linter pass: parse, run every rule, then filter centrally — severity
// overrides, ignored codes, pragmas and the `ignore` severity — so that
// rules only report.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "frontend/ignore/matcher.h"
#include "lint/config.h"
#include "lint/finding.h"
#include "lint/pragma.h"
#include "lint/rule.h"

namespace mybuild::lint {

struct LintResult {
  std::vector<Finding> findings;            // filtered and sorted
  std::optional<ParseFailure> parse_error;  // the file did not parse
};

// Lints one Dockerfile's `text`. `filename` is used in findings and parse
// errors as given. `rules` defaults to the whole catalogue. Never fails: a
// Dockerfile that does not parse gives `parse_error` and no findings. The
// parse is lenient (frontend::ParseOptions): duplicate stage names,
// forbidden ONBUILD triggers and instructions before the first FROM are
// findings (DL3024, DL3043, DL3061), not parse errors.
// `dockerignore` is the build context's .dockerignore, when known.
LintResult LintText(std::string_view text, const std::string& filename,
                    const LintConfig& config,
                    const std::vector<const Rule*>& rules,
                    const frontend::ignore::Matcher* dockerignore = nullptr);

// The central filter, applied to what the rules reported (`raw`), in
// hadolint's order: severity overrides (style, then info, warning, error:
// the most severe listed wins), then drop codes in `config.ignored`, codes
// silenced by pragmas (unless config.disable_ignore_pragma), and findings
// whose severity is `ignore`. Sorts the result by line.
std::vector<Finding> ApplyPolicy(std::vector<Finding> raw,
                                 const LintConfig& config,
                                 const Pragmas& pragmas,
                                 const std::vector<int>& stage_starts);

// Splits a frontend error ("FILE:LINE: message\n  excerpt") into a
// ParseFailure; a message without that prefix is reported at line 1.
ParseFailure ToParseFailure(const std::string& error,
                            const std::string& filename);

// Whether the results make the run fail at `threshold`: any parse error, or
// any finding at least as severe as the threshold.
bool ShouldFail(const std::vector<LintResult>& results, Severity threshold);

}  // namespace mybuild::lint
