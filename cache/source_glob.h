// COPY/ADD source patterns matched against the build context.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "base/status.h"

namespace mybuild::cache {

// Expands `pattern` (Go filepath.Match semantics per path component: `*`
// and `?` never match '/', `[...]` classes; a leading '.' is not special)
// in `context`, returning sorted context-relative matches that exist and
// that `excluded` (the .dockerignore) does not exclude; "." for the whole
// context. Symlinks are matched as themselves, never followed. A pattern
// that climbs out of the context is an error:
//   COPY failed: forbidden path outside the build context: ../x
Expected<std::vector<std::string>> ExpandSource(
    const std::string& context, const std::string& pattern,
    const std::function<bool(const std::string&)>& excluded);

}  // namespace mybuild::cache
