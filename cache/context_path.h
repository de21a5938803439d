// Paths in the build context resolved the way BuildKit resolves COPY and
// RUN --mount sources: the context is "/" for every symlink on the way.
#pragma once

#include <string>

#include "base/status.h"

namespace mybuild::cache {

// The clean context-relative path ("" for the context itself) that `path`
// (read as if absolute in the context) names once each symlink among its
// components is followed inside `context`: an absolute target starts again
// at the context, ".." stops at it, so the result never names anything
// outside. The last component is followed only with `follow_last`. From
// the first missing (or non-directory) component on, the rest is kept as
// written, cleaned. Only lstat(2) and readlink(2) are used on the host,
// always on paths whose directories were already found to be no symlinks.
// Fails after 40 symlinks, or when one cannot be read:
//   resolve "/a/b" in the build context: Too many levels of symbolic links
Expected<std::string> ResolveInContext(const std::string& context,
                                       const std::string& path,
                                       bool follow_last);

}  // namespace mybuild::cache
