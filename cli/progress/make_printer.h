// The printer a build uses, by its progress mode (progress_mode.h).
#pragma once

#include <memory>
#include <ostream>
#include <string>

#include "cli/progress/printer.h"
#include "cli/progress/tty_printer.h"

namespace mybuild::cli::progress {

// What the choice depends on, of the stream the progress goes to.
struct Terminal {
  bool is_tty = false;
  std::string term;        // $TERM
  bool no_color = false;   // $NO_COLOR set and not empty (no-color.org)
  TerminalSize size;       // rows, columns
};

// The terminal that `fd` is (or is not), from its ioctls and the environment.
Terminal TerminalOf(int fd);

// Whether a live view can be drawn: a tty, TERM not "dumb", at least 6 rows
// and 40 columns.
bool CanDrawLive(const Terminal& t);

// "quiet": nothing; "plain"; "rawjson"; "tty" and "auto": the live view
// when CanDrawLive, else plain. `clock` is the wall clock in production.
std::unique_ptr<Printer> MakePrinter(const std::string& mode, std::ostream& out,
                                     const Terminal& terminal, Clock clock);

}  // namespace mybuild::cli::progress
