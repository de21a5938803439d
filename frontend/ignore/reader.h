// Finding and reading the .dockerignore file of a build.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "frontend/ignore/matcher.h"

namespace mybuild::frontend::ignore {

struct IgnoreLine {
  std::string pattern;  // as Matcher::Create / Pattern::Compile take it
  int line;             // 1-based line in the file
};

// Parses the text of a .dockerignore file the way BuildKit reads it: a UTF-8
// BOM at the start is dropped; a line whose first character is '#' is a
// comment (" # x" is not); other lines are trimmed and empty ones dropped; a
// leading '!' is kept with the blanks after it removed; the rest is cleaned
// (CleanPath) and one leading '/' removed, so "/a//b/" reads as "a/b". A
// line of just "!" reads as "!" (which Pattern::Compile rejects). Lines end
// at '\n', and a '\r' before it is dropped. Never fails.
std::vector<IgnoreLine> ParseIgnoreFile(std::string_view content);

// The ignore file that applies to a build of `context_dir` with the
// Dockerfile at `dockerfile_path` (as given; "" when the Dockerfile does not
// come from a file): "<dockerfile_path>.dockerignore" if it exists, else
// "<context_dir>/.dockerignore" if that exists, else nullopt. Fails only
// when checking for a file fails for a reason other than its absence:
//   stat "<path>": <strerror>
Expected<std::optional<std::string>> FindIgnoreFile(
    const std::string& context_dir, const std::string& dockerfile_path);

struct IgnoreRules {
  std::string source;  // the file the rules came from; "" when none
  Matcher matcher;     // excludes nothing when there is no file
};

// FindIgnoreFile, then reads and compiles it. A bad pattern fails with
//   <file>:<line>: syntax error in pattern "<p>": <why>
// (or illegal exclusion pattern: "!"), a read error as ReadFile reports it.
Expected<IgnoreRules> LoadIgnoreRules(const std::string& context_dir,
                                      const std::string& dockerfile_path);

}  // namespace mybuild::frontend::ignore
