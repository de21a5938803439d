// What counts as a pip install, shared by DL3013 (pinned versions) and
// DL3042 (no cache dir).
#pragma once

#include <optional>

#include "lint/shell/invocation.h"

namespace mybuild::lint::rules {

// `pip install`, `pip3.11 install` or `python -m pip install` (the words
// after `-m pip` as a pip command of their own); nullopt for anything else,
// pipx and pipenv included.
std::optional<shell::Invocation> PipInstall(const shell::Invocation& i);

}  // namespace mybuild::lint::rules
