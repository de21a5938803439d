// Build-argument helpers for the FROM checks: global ARG defaults and a
// small expander for $NAME, ${NAME} and ${NAME:-default}.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "lint/context.h"

namespace mybuild::lint::rules {

// The ARGs before the first FROM with their defaults (unquoted; "" when
// none is given).
std::map<std::string, std::string> GlobalArgs(const LintContext& ctx);

// Expands `s` from `vars`. An unset or empty variable gives its `:-`
// default or "". Names that `vars` lacks are appended to `unknown` when it
// is not null.
std::string Expand(const std::string& s,
                   const std::map<std::string, std::string>& vars,
                   std::vector<std::string>* unknown);

// The platform ARGs BuildKit predefines (TARGETPLATFORM, BUILDARCH, ...).
bool IsPlatformArg(const std::string& name);

}  // namespace mybuild::lint::rules
