// Which context sources a build will hash, read from the Dockerfile before
// it is planned, so their hash can start at once (cache/early_digests.h)
// rather than after the registry has resolved the base images.
#pragma once

#include <string>
#include <vector>

#include "frontend/dockerfile.h"

namespace mybuild::cli {

// The local sources of each COPY and ADD that reads the build context (no
// --from; ADD's URLs left out), in Dockerfile order, in the stages up to
// and including `target` (every stage when it is "" or names none), as
// the planner will ask for their digest. An instruction whose sources the
// planner would expand or unquote (one holding `$`, `\`, a quote) is left
// out: a guess that the planner does not ask for only costs its hash.
std::vector<std::vector<std::string>> EarlyContextSources(const frontend::Dockerfile& df,
                                                          const std::string& target);

}  // namespace mybuild::cli
