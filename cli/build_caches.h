// The caches a build reads before its steps (--cache-from) and writes after
// them (--cache-to): remote_cache/, docs/remote-cache.md.
#pragma once

#include <memory>
#include <vector>

#include "base/status.h"
#include "cache/store_paths.h"
#include "cli/command_line.h"
#include "executor/build_executor.h"
#include "executor/transfer_step.h"

namespace mybuild::planner {
struct BuildGraph;
}
namespace mybuild::remote_cache {
struct CacheSpec;
}

namespace mybuild::cli {

class RegistrySession;

// The caches of one build.
class BuildCaches {
 public:
  // Reads every --cache-from's records (see CacheImporter::Open). Fails only
  // for a cache with ignore-error=false.
  static Expected<BuildCaches> Open(const BuildOptions& o,
                                    RegistrySession& session,
                                    const cache::StorePaths& store,
                                    executor::Progress& progress);
  BuildCaches(BuildCaches&&) noexcept;
  ~BuildCaches();

  // What the executor asks for steps it misses; null without --cache-from.
  executor::RemoteSteps* importer() const;
  // Writes every --cache-to after a successful build of `image`, and
  // returns the image to tag and push: with type=inline, the one whose
  // config carries the records. A failure is a note
  //   cache type=local,dest=/c: not exported: <why>
  // unless that cache says ignore-error=false: then it is the error.
  Expected<executor::BuiltImage> Export(const planner::BuildGraph& graph,
                                        executor::BuiltImage image,
                                        executor::Progress& progress) const;

 private:
  struct Impl;
  explicit BuildCaches(std::unique_ptr<Impl> impl);
  // Exports to one cache; type=inline replaces `image`.
  Status ExportOne(const remote_cache::CacheSpec& spec,
                   const planner::BuildGraph& graph,
                   executor::BuiltImage& image, executor::TransferStep& step) const;
  std::unique_ptr<Impl> impl_;
};

}  // namespace mybuild::cli
