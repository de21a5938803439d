// Carries out a BuildGraph: for each stage in order, each step is taken from
// the cache when its key has a record, else run (RUN in the sandbox, COPY
// into a staging dir) and committed as a layer. The target stage's layers
// and config are assembled into an OCI image in the blob store.
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "base/status.h"
#include "cache/blob_store.h"
#include "cache/context_digester.h"
#include "cache/store_paths.h"
#include "executor/progress.h"
#include "executor/sandbox_spec.h"
#include "executor/remote_steps.h"
#include "executor/run_mounts.h"
#include "oci/digest.h"
#include "planner/build_graph.h"

namespace mybuild::executor {

struct ExecOptions {
  std::string context_dir;
  bool no_cache = false;
  // --no-cache-filter: stages (by name or index) whose steps all run again.
  std::vector<std::string> no_cache_filter;
  // --explain: every step that runs first says why, as Progress notes
  //   #5 explain: ARG VERSION: "1.0" -> "2.0"
  bool explain = false;
  // StepHistory::BuildId of the context and Dockerfile: where the keys of
  // this build's steps are kept for the next build's --explain; "" keeps
  // none.
  std::string build_id;
  // The digester the planner used, for the per-file inputs of COPY steps
  // (so --explain names the file); may be null.
  cache::ContextDigester* digester = nullptr;
  // Stages run at once, at most (--jobs); 0: one per CPU.
  int jobs = 0;
  // --run-timeout: a RUN step still running after this long is killed and
  // fails ("timed out after 30s"); 0: none.
  std::chrono::milliseconds run_timeout{0};
  // What bounds each RUN step (its cgroup, /dev/shm) and the ulimits it
  // gets on top of the defaults (--ulimit). Not in any key: they change
  // whether a step succeeds, not what it makes.
  StepResources resources;
  std::vector<Rlimit> ulimits;
  // Context-relative paths that .dockerignore excludes.
  std::function<bool(const std::string&)> excluded;
  // RFC 3339 time of this build: the history time of the steps it runs.
  // Steps reused from the cache keep the time they ran, and the image's
  // time is its newest layer's, so a build that reuses every step gives
  // the same image ID, as BuildKit does.
  std::string created;
  // SOURCE_DATE_EPOCH: `created` is every time, reused steps' too.
  bool created_is_fixed = false;
  // SOURCE_DATE_EPOCH, when >= 0: no file in a layer a step makes has a
  // later mtime (tar headers, PAX records too), as BuildKit clamps them.
  int64_t max_mtime = -1;
  std::string architecture = "amd64";
  std::string os = "linux";
  std::string variant;  // --platform's, e.g. "v7" of linux/arm/v7
  // --secret: what RUN --mount=type=secret can read; never in a layer, the
  // history or a cache key.
  std::vector<SecretSource> secrets;
  // --ssh: agent sockets by id ("default" -> $SSH_AUTH_SOCK).
  std::map<std::string, std::string> ssh;
  // --cache-from: asked for a step the local cache misses; may be null.
  RemoteSteps* remote = nullptr;
  // Waits for blobs fetched in the background (the base images' layers,
  // when the caller fetches them alongside the build); called with
  // remote->Join() before a step that runs reads any layer and before the
  // image is written. Its error fails the build. May be empty.
  std::function<Status()> blobs_ready;
};

// options.remote->Join() and options.blobs_ready(), as there are.
Status BlobsReady(const ExecOptions& options);

struct BuiltImage {
  oci::Digest manifest;  // the image's manifest blob
  oci::Digest config;    // the image ID
  // The first base_layers layers and base_history history entries are the
  // FROM image's (rewrite-timestamp leaves them as they are).
  size_t base_layers = 0;
  size_t base_history = 0;
};

// Builds `graph`: stages whose dependencies have finished run at once, up
// to options.jobs; a failing step stops the build (the other stages' running
// steps are killed) and its error is the one returned. Base images named by
// FROM must already be in `store`'s
// blobs (manifest, config, layers): the caller pulls them. A failing RUN
// fails with kBuildFailed and a message such as
//   Dockerfile:7: process "/bin/sh -c exit 3" did not complete successfully:
//   exit code: 3
// followed by the command's last output lines, indented. A RUN the builder
// ends is reported the same way, with why instead of the exit code:
// "timed out after 30s" (options.run_timeout), or "stopped: every process
// was stopped (by a signal or a tracer) or waiting for a stopped one for
// 2s" (see RunLimits).
//
// Holds a TmpClaim on the store for the whole build: its scratch (layer
// dirs, overlay work dirs, blobs being written) is in one directory under
// tmp/, removed when the build returns, and by the claim's reaper when the
// builder is killed. A RUN step's processes and mounts die with the
// builder, however it dies.
Expected<BuiltImage> ExecuteBuild(const planner::BuildGraph& graph,
                                  const cache::StorePaths& store,
                                  const ExecOptions& options,
                                  Progress& progress);

// ExecuteBuild of a graph of several platforms (graph.targets, from
// planner::MergePlatforms): one image per target, in that order, each
// saying its target stage's platform (options' os/architecture/variant are
// not used). A graph without targets gives the one image ExecuteBuild does.
Expected<std::vector<BuiltImage>> ExecuteBuildTargets(const planner::BuildGraph& graph,
                                                      const cache::StorePaths& store,
                                                      const ExecOptions& options,
                                                      Progress& progress);

}  // namespace mybuild::executor
