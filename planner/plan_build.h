// The planner's entry point: a typed Dockerfile, build args and a target in;
// a BuildGraph with expanded words and cache keys out. Pure: images and
// context files are reached only through the resolver interfaces.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "base/status.h"
#include "frontend/dockerfile.h"
#include "planner/build_graph.h"
#include "planner/resolvers.h"

namespace mybuild::planner {

struct BuildRequest {
  std::string filename = "Dockerfile";  // for messages
  // --build-arg values, already resolved (K alone was looked up in the
  // environment by the caller; unset ones are left out).
  std::map<std::string, std::string> build_args;
  std::string target;  // stage name; "" builds the last stage
  // The platform the image is for (--platform, normalised; "v8" of arm64
  // is dropped as BuildKit does): the TARGET* predefined args, and part of
  // every step's key when it is not linux/amd64 (see BaseKey).
  std::string os = "linux";
  std::string architecture = "amd64";
  std::string variant;  // e.g. "v7" for arm; "" for amd64 and arm64
  // The platform mybuild runs on: the BUILD* predefined args.
  std::string build_os = "linux";
  std::string build_architecture = "amd64";
  std::string build_variant;
  // --network: what every RUN without its own --network gets. kDefault: a
  // private network namespace with outbound access; kNone: only a
  // loopback; kHost: the builder's network, which (build-wide or a RUN's)
  // needs `allow_network_host` (--allow network.host), as in BuildKit.
  frontend::RunNetwork network = frontend::RunNetwork::kDefault;
  bool allow_network_host = false;
  // --add-host NAME:IP, already parsed: written to each RUN's /etc/hosts.
  std::vector<std::pair<std::string, std::string>> add_hosts;
  // SOURCE_DATE_EPOCH (environment or --build-arg), when set: part of every
  // step's key (see BaseKey).
  std::optional<int64_t> source_date_epoch;
  // --label: set on the target stage's image after its own LABELs (which
  // they override), as buildx does; no history entry, no step.
  std::map<std::string, std::string> labels;
};

// Plans the build: only the stages the target needs (through FROM, COPY
// --from and RUN --mount from=, also in ONBUILD triggers) are resolved and
// planned. A base image's ONBUILD triggers run first in the stage built on
// it, reported at its FROM line. An image that COPY --from or RUN --mount
// from= names (no stage of the Dockerfile) is resolved like a FROM image and
// becomes an implicit stage (StagePlan::implicit), appended after the
// Dockerfile's stages and first in the order. Errors name the file and line:
//   target stage "prd" could not be found (did you mean prod?)
//   Dockerfile:5: circular dependency detected on stage: a
//   Dockerfile:1: ONBUILD trigger "RUNN x": unknown instruction ...
// Every stage's base is resolved by `images`, whatever its platform.
Expected<BuildGraph> PlanBuild(const frontend::Dockerfile& dockerfile,
                               const BuildRequest& request,
                               ImageConfigResolver& images,
                               SourceDigester& sources);

// The same, a stage's base resolved by images(<the stage's platform>):
// the build's (request.os/architecture/variant) or its FROM --platform's
// (StagePlan::platform). A bad FROM --platform fails at its line:
//   Dockerfile:2: FROM --platform=linux: invalid platform "linux": ...
Expected<BuildGraph> PlanBuild(const frontend::Dockerfile& dockerfile,
                               const BuildRequest& request,
                               const ResolverFor& images,
                               SourceDigester& sources);

}  // namespace mybuild::planner
