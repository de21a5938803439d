// Prints the executor's progress the way the user asked (--progress).
#pragma once

#include <memory>
#include <ostream>
#include <string>

#include "executor/progress.h"

namespace mybuild::cli {

// "plain": numbered lines, BuildKit style:
//   #2 [1/3] RUN make
//   #2 building...            (the step's output, each line prefixed)
//   #2 DONE 1.2s
// "tty": the same with the step headers in bold and output dimmed.
// "quiet": nothing. "auto" picks tty when `is_terminal`, else plain.
std::unique_ptr<executor::Progress> MakeProgressPrinter(const std::string& mode,
                                                        std::ostream& out,
                                                        bool is_terminal);

}  // namespace mybuild::cli
