// A bounded fan-out for blob transfers: a few at a time, stop starting new
// ones after the first failure.
#pragma once

#include <cstddef>
#include <functional>

#include "base/status.h"

namespace mybuild::registry {

// Runs task(0) .. task(n-1) on up to `workers` threads (at least one). Once a
// task fails, no further task starts; tasks already running finish. Returns
// the failure of the lowest-numbered task that failed, so the answer does not
// depend on timing, or Ok.
Status RunParallel(size_t n, int workers,
                   const std::function<Status(size_t)>& task);

}  // namespace mybuild::registry
