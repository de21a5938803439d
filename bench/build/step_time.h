// The time a build spent inside its steps, read from its
// `--progress rawjson` output (docs/progress.md): the length of the union
// of every run step's [started, completed] interval, so steps of parallel
// stages count once. A build's wall time minus this is the builder's own
// overhead outside the steps (start-up, planning, base resolution, image
// write).
#pragma once

#include <string>

#include "base/status.h"

namespace mybuild::bench {

// Seconds; kInvalidArgument naming the line when a vertex's time is not
// RFC 3339. Lines that are not JSON objects are skipped.
Expected<double> StepBusySeconds(const std::string& rawjson);

}  // namespace mybuild::bench
