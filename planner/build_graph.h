// The plan of a build: the stages the target needs, in an order that runs
// each stage after the stages it reads from, and per stage the steps with
// every word already expanded. Plain data; the executor carries it out.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "frontend/mount.h"
#include "oci/descriptor.h"
#include "oci/digest.h"
#include "oci/image_config.h"

namespace mybuild::planner {

enum class StepKind {
  kRun,      // run a command in the sandbox; makes a layer
  kCopy,     // COPY/ADD from the context or another stage; makes a layer
  kWorkdir,  // creates the directory when missing; makes a layer (empty if not)
  kConfig,   // changes only the image config (ENV, CMD, LABEL, ...)
};

// One RUN --mount.
struct RunMount {
  frontend::MountSpec spec;  // words expanded; spec.from: see from_stage
  int from_stage = -1;       // from= a stage: its index; -1: the context
};

// A file a step takes from the Dockerfile itself: a heredoc's body.
struct InlineFile {
  std::string name;     // the heredoc's delimiter, quotes removed: "EOF"
  std::string content;  // the bytes written (COPY: expanded unless quoted)
  bool operator==(const InlineFile&) const = default;
};

// Where RUN finds the files of `RunStep::files` (BuildKit's place).
inline constexpr char kRunInlineDir[] = "/dev/pipes";

struct RunStep {
  std::vector<std::string> argv;  // shell form already wrapped in SHELL
  std::vector<std::string> env;   // KEY=VALUE: config env + ARGs in scope
  std::string user;               // as written in USER, resolved later
  std::string workdir;            // absolute
  bool network_none = false;
  // RUN --network=host (or the build's --network=host), granted by --allow
  // network.host: the builder's own network. Neither: a private one.
  bool network_host = false;
  // --add-host (name, IP), in the step's /etc/hosts; part of the key.
  std::vector<std::pair<std::string, std::string>> extra_hosts;
  std::vector<RunMount> mounts;
  // `RUN <<EOF` whose body starts with "#!": the body, which the step gets
  // as an executable file (mode 0755) kRunInlineDir/<name> in a read-only
  // directory mounted there for the step only; argv runs that path.
  std::vector<InlineFile> files;
};

struct CopyStep {
  // Context-relative, or in the stage of from_stage; ADD also takes http(s)
  // and git URLs.
  std::vector<std::string> sources;
  // Heredoc sources (`COPY <<EOF /x`), copied after `sources`: each a
  // regular file named for its delimiter, mode 0644 (unless --chmod), mtime
  // 0, owned as --chown says.
  std::vector<InlineFile> inline_sources;
  std::string dest;     // absolute; a trailing '/' kept
  int from_stage = -1;  // index into BuildGraph::stages, or -1
  std::string chown;    // as written, resolved later
  std::string chmod;    // octal ("755") or symbolic ("u+x"); "" keeps modes
  bool is_add = false;
  bool link = false;                  // --link: the image below is not read
  bool parents = false;               // --parents
  std::vector<std::string> excludes;  // --exclude patterns
  std::string checksum;               // ADD --checksum=sha256:...
  bool keep_git_dir = false;          // ADD --keep-git-dir
  std::optional<bool> unpack;         // ADD --unpack; unset: Docker's default
};

// One named input of a step, for --explain (step_inputs.h).
struct StepInput {
  std::string name;  // "ARG VERSION", "file src/a.c", "parent", ...
  std::string value;
  bool operator==(const StepInput&) const = default;
};

struct Step {
  StepKind kind = StepKind::kConfig;
  std::string file;        // the Dockerfile's name, for messages
  int line = 0;            // first line of the instruction
  std::string text;        // the instruction as written, for progress
  std::string created_by;  // the history entry, e.g. "RUN /bin/sh -c make"
  RunStep run;
  CopyStep copy;
  std::string workdir;  // kWorkdir: the directory to ensure
  // kWorkdir: USER in effect, as written (resolved later); the directories
  // the step creates are owned by that user, as BuildKit does.
  std::string workdir_user;
  // Hex SHA-256 of the step's recipe (cache_key.h); "" for kConfig steps.
  std::string cache_key;
  // The recipe's "inputs": the digest of what the step reads besides its
  // parent (COPY sources), as handed to StepKey.
  std::string inputs_digest;
  // What the key was made from, by name, for --explain (step_inputs.h).
  std::vector<StepInput> inputs;
};

// The ARGs a stage declared (and those of the stage it is FROM), as a
// stage FROM it inherits them, as BuildKit's do.
struct StageArgs {
  std::vector<std::string> declared;          // names, first declaration order
  std::map<std::string, std::string> values;  // those that took a value
};

struct StagePlan {
  std::string name;           // the AS name, or "" when unnamed
  // A stage the Dockerfile does not write: an image that COPY --from or RUN
  // --mount from= names. It has no steps; its filesystem is the image's.
  // Implicit stages come after the Dockerfile's own in `stages`.
  bool implicit = false;
  std::string base_image;     // the FROM image, canonical; "" for scratch
  oci::Digest base_manifest;  // its resolved manifest digest
  int base_stage = -1;        // FROM another stage: its index; else -1
  // Its index in the Dockerfile when that is not its index in `stages`
  // (merge_platforms.h): what "stage-N" and --no-cache-filter N name.
  int source_index = -1;
  // The platform the stage's base is picked for and its RUN steps run as:
  // the build's, or FROM --platform's (a FROM <stage> without one: that
  // stage's). Part of the base key when not linux/amd64.
  oci::Platform platform{"linux", "amd64", "", "", {}};
  // Every stage this one reads, sorted: its FROM stage and the stages of
  // COPY --from and RUN --mount from=. They run before it.
  std::vector<int> deps;
  // The key the stage's first step chains from (BaseKey in cache_key.h).
  std::string base_key;
  // The config the stage starts from (the base image's or stage's).
  oci::ImageConfig base_config;
  std::vector<Step> steps;
  // The config in effect after the last step (env, cmd, user, ...).
  oci::ContainerConfig final_config;
  // The image's "author" after the last step: the base's, or MAINTAINER's.
  std::string final_author;
  // The ARGs in scope after the last step.
  StageArgs final_args;
};

struct BuildGraph {
  std::vector<StagePlan> stages;  // all stages, as in the Dockerfile
  std::vector<int> order;         // the stages to run, dependencies first
  int target = -1;                // the stage whose image is the result
  // Several platforms (merge_platforms.h): the target stage of each, in
  // the order asked; empty for a build of one platform (then `target`).
  std::vector<int> targets;
  // Proxy args given as build args ("HTTP_PROXY=..."): every RUN sees them,
  // but they are in no cache key and no history entry.
  std::vector<std::string> proxy_env;
};

}  // namespace mybuild::planner
