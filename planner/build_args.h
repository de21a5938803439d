// Build arguments before any stage is planned: the global ARGs (declared
// before the first FROM), the predefined platform args, and the proxy args.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "base/status.h"
#include "frontend/dockerfile.h"
#include "planner/plan_build.h"

namespace mybuild::planner {

// True for HTTP_PROXY, HTTPS_PROXY, FTP_PROXY, NO_PROXY, ALL_PROXY and
// their lower-case spellings: args every RUN sees without an ARG, kept out
// of history and cache keys (BuildKit's predefined proxy args).
bool IsProxyArg(const std::string& name);

// "os/arch" or "os/arch/variant", as TARGETPLATFORM shows it.
std::string PlatformText(const std::string& os, const std::string& architecture,
                         const std::string& variant);

// The values in scope for FROM lines and for stage ARGs that redeclare a
// global: TARGETPLATFORM, TARGETOS, TARGETARCH, TARGETVARIANT and their
// BUILD* twins (from the request's target and build platforms), then each global ARG (its
// --build-arg value, else its expanded default; one without either is left
// out). Fails naming the line of an ARG whose default does not expand.
Expected<std::map<std::string, std::string>> GlobalArgs(
    const frontend::Dockerfile& df, const BuildRequest& request);

// "K=V" for each proxy arg in the request, sorted by name.
std::vector<std::string> ProxyEnv(const BuildRequest& request);

}  // namespace mybuild::planner
