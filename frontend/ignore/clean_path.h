// Lexical path cleaning with the rules of Go's path.Clean, which BuildKit
// applies to .dockerignore patterns and context paths.
#pragma once

#include <string>
#include <string_view>

namespace mybuild::frontend::ignore {

// Collapses repeated '/', removes "." segments, resolves ".." against the
// segment before it (a leading ".." of a relative path stays; "/.." is "/"),
// and drops a trailing '/'. "" and paths that clean to nothing give ".".
std::string CleanPath(std::string_view path);

}  // namespace mybuild::frontend::ignore
