// --progress=plain: a line per event, as BuildKit's plain output numbers
// them (the default when stderr is not a terminal):
//   #2 [builder 1/3] RUN make
//   #2 compiling              (each line of the step's output)
//   #2 DONE 1.2s
//   #3 [builder 2/3] COPY . /src
//   #3 CACHED
//   #4 [2/2] RUN exit 3
//   #4 ERROR: Dockerfile:5: process "/bin/sh -c exit 3" did not complete ...
// Notes (pulls, pushes, the image written) are printed as they are.
// Output lines carry no timestamp (BuildKit's "#2 0.123 compiling" has one).
#pragma once

#include <memory>
#include <ostream>

#include "cli/progress/printer.h"

namespace mybuild::cli::progress {

std::unique_ptr<Printer> MakePlainPrinter(std::ostream& out);

}  // namespace mybuild::cli::progress
