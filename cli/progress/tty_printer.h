// --progress=tty: TtyView drawn in place on a terminal. A thread redraws
// the frame at most every 100 ms (and only when it changed or a clock
// runs), moving the cursor up over the last frame with ANSI codes; events
// only update the view, so a build's speed does not depend on drawing.
#pragma once

#include <functional>
#include <memory>
#include <ostream>
#include <utility>

#include "cli/progress/printer.h"

namespace mybuild::cli::progress {

// The terminal's rows and columns, asked before each frame (it may be
// resized).
using TerminalSize = std::function<std::pair<int, int>()>;

std::unique_ptr<Printer> MakeTtyPrinter(std::ostream& out, Clock clock, TerminalSize size,
                                        bool color);

}  // namespace mybuild::cli::progress
