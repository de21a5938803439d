// COPY/ADD source patterns matched against the build context.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "base/status.h"

namespace mybuild::cache {

// Expands `pattern` in `context` as BuildKit does, returning (level by level,
// by name) context-relative matches, as written, that exist and that
// `excluded` (the .dockerignore) excludes neither as written nor as found
// in the context; "." for the whole context. Components before the first
// one with an unescaped wildcard are a literal path ('\' kept, so a pattern
// without one names a single file), resolved with ResolveInContext
// (cache/context_path.h): a symlink there is followed inside the context,
// never to the host; the last literal component is followed only when a
// wildcard comes after it. From there on each component is matched with
// GoPathMatch (cache/go_path_match.h: `*` and `?` never match '/', `[^a]`
// negates, `[!a]` does not, `\` escapes, a leading '.' is not special), and
// symlinks are matched as themselves, never listed through. Errors:
//   COPY failed: forbidden path outside the build context: ../x
//   COPY failed: syntax error in pattern: "src/[a"   (Go's ErrBadPattern,
//       reported whether or not anything would have matched)
//   resolve "/a/b" in the build context: Too many levels of symbolic links
Expected<std::vector<std::string>> ExpandSource(
    const std::string& context, const std::string& pattern,
    const std::function<bool(const std::string&)>& excluded);

}  // namespace mybuild::cache
