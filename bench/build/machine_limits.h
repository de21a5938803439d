// What this machine's disk and CPUs can do at all, measured with the
// standard tools on the benchmark's own data, printed beside the build
// table so a ratio can be read against the unavoidable cost: SHA-256,
// pigz and zstd throughput, tar of a context, and the file creation rate.
#pragma once

#include <string>

namespace mybuild::bench {

// One line, e.g. "machine: 2 cores, load 0.31; sha256sum 1630 MB/s, ...".
// `scratch` is a directory the measurement may fill and empties again;
// `context` a build context to tar. Tools that are missing are left out.
std::string MeasureMachineLimits(const std::string& scratch, const std::string& context);

}  // namespace mybuild::bench
