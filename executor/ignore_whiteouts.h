// RUN --mount=type=bind from the build context sees the context as BuildKit
// would receive it: without what .dockerignore excludes. The context is
// mounted as an overlay lower dir and each excluded path is hidden by a
// whiteout in the upper dir.
#pragma once

#include <functional>
#include <string>

#include "base/status.h"

namespace mybuild::executor {

// Writes into `upper` (an empty dir for an overlay whose lower dir is
// `context`) a whiteout for every path under the context-relative `dir`
// that `excluded` excludes. An excluded directory is hidden whole unless an
// exception re-includes something inside it; then only what stays excluded
// inside it is hidden. Returns the number of whiteouts. Fails naming the
// path that could not be read or made.
Expected<int> WhiteoutExcluded(
    const std::string& context, const std::string& dir,
    const std::function<bool(const std::string&)>& excluded,
    const std::string& upper);

}  // namespace mybuild::executor
