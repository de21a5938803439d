// Parsing of the flags that bound a RUN step, as `docker build` spells
// them: --memory/--shm-size sizes ("512m"), --cpus ("1.5"), --ulimit
// ("nofile=1024:2048").
#pragma once

#include <cstdint>
#include <string>

#include "base/status.h"
#include "executor/sandbox_spec.h"

namespace mybuild::cli {

// Bytes from a number with an optional b, k, m, g, t suffix (powers of
// 1024, either case, "kb"/"mb"/... too), as Docker's RAMInBytes.
Expected<int64_t> ParseByteSize(const std::string& flag, const std::string& value);
// --cpus: a positive decimal number of CPUs, as the CFS quota for `period`
// microseconds (--cpus=1.5 with 100000: 150000).
Expected<int64_t> CpusToQuota(const std::string& value, int64_t period);
// --ulimit NAME=SOFT[:HARD] (HARD defaults to SOFT; -1 is unlimited).
Expected<executor::Rlimit> ParseUlimit(const std::string& value);

}  // namespace mybuild::cli
