// The planner's entry point: a typed Dockerfile, build args and a target in;
// a BuildGraph with expanded words and cache keys out. Pure: images and
// context files are reached only through the resolver interfaces.
#pragma once

#include <map>
#include <string>

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
  std::string os = "linux";
  std::string architecture = "amd64";
};

// Plans the build. Errors name the file and line:
//   Dockerfile:4: target stage "prod" could not be found (did you mean prd?)
//   Dockerfile:9: COPY --from is not supported yet
Expected<BuildGraph> PlanBuild(const frontend::Dockerfile& dockerfile,
                               const BuildRequest& request,
                               ImageConfigResolver& images,
                               SourceDigester& sources);

}  // namespace mybuild::planner
