// --progress=rawjson: one JSON object per line, in the shape of BuildKit's
// SolveStatus (docs/progress.md is the schema):
//   {"vertexes":[{"digest":"sha256:<key>","name":"[2/3] RUN make",
//                 "started":"2026-01-02T03:04:05.1Z","completed":...,
//                 "cached":true,"error":"..."}]}
//   {"logs":[{"vertex":"sha256:<key>","stream":1,"data":"<base64>",
//             "timestamp":"..."}]}
//   {"statuses":[{"id":"sha256:<blob>","vertex":"sha256:<key>","current":100,
//                 "total":300,"timestamp":"...","started":"...",
//                 "completed":"..."}]}     (an item of a transfer step)
//   {"notes":[{"message":"writing image sha256:...","timestamp":"..."}]}
// A vertex's digest is "sha256:" + its step's cache key, so the same step
// has the same digest in every build (a transfer's key is its name's hash). Times are RFC 3339 with nanoseconds,
// UTC, from `clock`. Text that is not UTF-8 is written with U+FFFD in its
// place; log data is base64 and exact.
#pragma once

#include <memory>
#include <ostream>

#include "cli/progress/printer.h"

namespace mybuild::cli::progress {

std::unique_ptr<Printer> MakeRawJsonPrinter(std::ostream& out, Clock clock);

// Go's RFC3339Nano in UTC: "2026-01-02T03:04:05.123Z" (no trailing zeros).
std::string Rfc3339Nano(std::chrono::system_clock::time_point t);

}  // namespace mybuild::cli::progress
