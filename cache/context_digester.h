// Digests what COPY sources would copy from the build context, for cache
// keys: relative paths, file types, permission bits, symlink targets and
// file contents, never mtimes or owners (COPY sets owners itself).
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "planner/resolvers.h"

namespace mybuild::cache {

class ContextDigester : public planner::SourceDigester {
 public:
  // `excluded` says which context-relative paths .dockerignore excludes.
  ContextDigester(std::string context,
                  std::function<bool(const std::string&)> excluded)
      : context_(std::move(context)), excluded_(std::move(excluded)) {}

  // "sha256:<hex>" over every matched entry, recursively for directories,
  // in sorted order. A source matching nothing fails with
  //   COPY failed: file not found in build context or excluded by .dockerignore: "x"
  Expected<std::string> Digest(const std::vector<std::string>& sources) override;

 private:
  std::string context_;
  std::function<bool(const std::string&)> excluded_;
};

}  // namespace mybuild::cache
