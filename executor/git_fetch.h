// ADD <git url>: a repository at a ref, fetched with the `git` binary.
#pragma once

#include <string>

#include "base/status.h"

namespace mybuild::executor {

// Whether ADD treats `src` as a git repository, as BuildKit does: a
// git:// or ssh:// URL, a git@host:path address, or an http(s) URL whose
// path ends in ".git" (a "#ref:subdir" fragment may follow).
bool IsGitUrl(const std::string& src);

// Fetches `url` ("REPO[#REF[:SUBDIR]]"; REF defaults to the remote's HEAD)
// at depth 1 into the empty directory `dir` and checks it out; returns the
// directory whose contents ADD copies (dir, or dir/SUBDIR). Without
// `keep_git_dir` the .git directory is removed. Fails naming the git step
// and the end of git's output:
//   ADD failed: git fetch "git://h/r.git" "nope": exit code 128: fatal: ...
Expected<std::string> FetchGit(const std::string& url, const std::string& dir,
                               bool keep_git_dir);

}  // namespace mybuild::executor
