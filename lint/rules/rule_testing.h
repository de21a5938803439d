// Running one rule on a Dockerfile in tests, without the central filter.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "lint/context.h"
#include "lint/rule.h"

namespace mybuild::lint::rules::testing {

// A label schema with one label of each type hadolint knows (version:
// semver, home: url, built: rfc3339, lic: spdx, rev: hash, mail: email,
// author: text), not strict: the options of the DL3049-DL3058 tests.
inline const RuleOptions kEveryLabelType = {
    {},
    {{"version", "semver"},
     {"home", "url"},
     {"built", "rfc3339"},
     {"lic", "spdx"},
     {"rev", "hash"},
     {"mail", "email"},
     {"author", "text"}},
    false};

// The findings `rule` reports for `dockerfile` (which must parse leniently,
// as the linter parses; a parse error fails the calling test and gives no
// findings), in report order.
std::vector<Finding> Run(const Rule& rule, std::string_view dockerfile,
                         const RuleOptions& options = {});

// The lines of Run(...).
std::vector<int> Hits(const Rule& rule, std::string_view dockerfile,
                      const RuleOptions& options = {});

// Run(...) as "line code message", one string a finding, so a test pins
// the whole finding.
std::vector<std::string> Described(const Rule& rule,
                                   std::string_view dockerfile,
                                   const RuleOptions& options = {});

}  // namespace mybuild::lint::rules::testing
