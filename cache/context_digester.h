// Digests what COPY sources would copy from the build context, for cache
// keys: relative paths, file types, permission bits, symlink targets and
// file contents, never mtimes or owners (COPY sets owners itself). The
// stream hashed is written down in docs/cache-keys.md.
#pragma once

#include <atomic>

#include <functional>
#include <string>
#include <vector>

#include "cache/stat_cache.h"
#include "planner/build_graph.h"
#include "planner/resolvers.h"

namespace mybuild::cache {

struct DigestOptions {
  // Hash only whether a file is executable, as git does (regular files as
  // 0644 or 0755, directories as 0755), so a different umask on another
  // machine does not change keys.
  bool normalize_perms = false;
  // When set, files whose stat is unchanged are not read again.
  StatCache* stat_cache = nullptr;
};

class ContextDigester : public planner::SourceDigester {
 public:
  // `excluded` says which context-relative paths .dockerignore excludes.
  ContextDigester(std::string context,
                  std::function<bool(const std::string&)> excluded,
                  DigestOptions options = {})
      : context_(std::move(context)), excluded_(std::move(excluded)),
        options_(options) {}

  // "sha256:<hex>" over every matched entry, recursively for directories,
  // in sorted order. A wildcard may match nothing (BuildKit's
  // AllowEmptyWildcard); a plain path matching nothing fails with
  //   COPY failed: file not found in build context or excluded by .dockerignore: "x"
  Expected<std::string> Digest(const std::vector<std::string>& sources) override;
  // Digest, given up once `stop` is set (checked before each entry and
  // each 64 KiB read): fails with kCancelled "context hash stopped". For a
  // digest started ahead that may no longer be wanted (EarlyDigests: a
  // build that fails before its first step does not wait for the hash of
  // a large context).
  Expected<std::string> Digest(const std::vector<std::string>& sources,
                               const std::atomic<bool>& stop);

  // The digest of the one path a RUN --mount bind source names, taken
  // literally ("a[b" is that name: BuildKit matches no wildcards there) and
  // cleaned ("/x" and "../x" are "x"), every symlink on the way, the last
  // included, followed inside the context as for the mount itself. Hashed
  // as Digest({path}) hashes a path without wildcards that is no symlink,
  // so such keys are the same either way. Fails when it is missing or the
  // .dockerignore excludes it:
  //   RUN --mount: source "x" not found in build context or excluded by .dockerignore
  Expected<std::string> DigestPath(const std::string& path) override;

  // The entries the digest of `sources` covers, one per path, named
  // "file <context-relative path>" with the value "<octal st_mode, as
  // hashed> <content>", for --explain (a path or link target that is not
  // UTF-8 Go-quoted, planner::ShownText). Walks the sources again (the stat
  // cache makes that cheap), so a build that never asks pays nothing; fails
  // as Digest does. Safe to call from several threads when the stat cache
  // is (it is).
  Expected<std::vector<planner::StepInput>> Entries(
      const std::vector<std::string>& sources);

 private:
  Expected<std::string> Walk(const std::vector<std::string>& sources,
                             std::vector<planner::StepInput>* entries,
                             const std::atomic<bool>* stop = nullptr);

  std::string context_;
  std::function<bool(const std::string&)> excluded_;
  DigestOptions options_;
};

}  // namespace mybuild::cache
