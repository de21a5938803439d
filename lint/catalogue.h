// The one catalogue of every rule `mybuild lint` runs, in code order:
// hadolint's DL rules under hadolint's codes, then BuildKit's checks under
// BuildKit's names, then ShellCheck (when installed).
#pragma once

#include <string_view>
#include <vector>

#include "lint/rule.h"

namespace mybuild::lint {

// Every rule; the pointers live for the whole program.
const std::vector<const Rule*>& Catalogue();

// The rule with `code`, or nullptr.
const Rule* FindRule(std::string_view code);

}  // namespace mybuild::lint
