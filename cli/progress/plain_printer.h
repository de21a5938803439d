// --progress=plain: a line per event, as BuildKit's plain output numbers
// them (the default when stderr is not a terminal):
//   #2 [builder 1/3] RUN make
//   #2 compiling              (each line of the step's output)
//   #2 DONE 1.2s
//   #3 [builder 2/3] COPY . /src
//   #3 CACHED
//   #4 [2/2] RUN exit 3
//   #4 ERROR: Dockerfile:5: process "/bin/sh -c exit 3" did not complete ...
// A transfer is a step too, its items' reports under it (TransferText):
//   #5 FROM docker.io/library/busybox@sha256:3fbc6...
//   #5 sha256:9ad63... 0B / 2.22MB
//   #5 sha256:9ad63... 2.22MB / 2.22MB 0.3s done
//   #5 DONE 0.4s
// Notes (the image written, names) are printed as they are.
// Output lines carry no timestamp (BuildKit's "#2 0.123 compiling" has one).
#pragma once

#include <memory>
#include <ostream>

#include "cli/progress/printer.h"

namespace mybuild::cli::progress {

// `clock` (the wall clock when null) times transfer items.
std::unique_ptr<Printer> MakePlainPrinter(std::ostream& out, Clock clock = nullptr);

}  // namespace mybuild::cli::progress
