// COPY and ADD as a build step: each source found (the context, the stage
// of --from, an http(s) URL, a git repository, a local archive to unpack),
// fetched into scratch space when remote, heredoc sources written there as
// files (mode 0644, mtime 0), then all applied to the staging dir.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "executor/layer_view.h"
#include "planner/build_graph.h"

namespace mybuild::executor {

struct CopyStepInputs {
  std::string context_dir;
  // Context-relative paths .dockerignore excludes.
  std::function<bool(const std::string&)> excluded;
  // COPY --from: the stage's layer dirs, top-most first.
  std::vector<std::string> from_layers;
  // An empty host dir on the store's filesystem for downloads and mounts;
  // the caller removes it.
  std::string scratch;
  std::optional<uint32_t> uid, gid;  // --chown, resolved in the image
};

// Fills `staging` with what `copy` adds on top of `image`. With --link the
// image is not read: the destination is a directory only when it ends in
// '/', and parents are made 0755 root:root. Fails with Docker's and
// BuildKit's wording, e.g.
//   COPY failed: file not found in build context or excluded by .dockerignore:
//   "x" COPY failed: file not found in stage: "/app/x" ADD --checksum is only
//   supported for http(s) sources
Status ApplyCopyStep(const planner::CopyStep& copy, const LayerView& image,
                     const CopyStepInputs& in, const std::string& staging);

}  // namespace mybuild::executor
