#include "cli/progress/make_printer.h"

#include <sys/ioctl.h>
#include <unistd.h>

#include <cstdlib>

#include "cli/progress/plain_printer.h"
#include "cli/progress/rawjson_printer.h"

namespace mybuild::cli::progress {
namespace {

class QuietPrinter : public Printer {
 public:
  void Started(const executor::StepLabel&) override {}
  void Cached(const executor::StepLabel&) override {}
  void Output(const executor::StepLabel&, std::string_view) override {}
  void Done(const executor::StepLabel&, double) override {}
  void Note(std::string_view) override {}
};

std::string Env(const char* name) {
  const char* v = std::getenv(name);
  return v ? v : "";
}

}  // namespace

Terminal TerminalOf(int fd) {
  Terminal t;
  t.is_tty = ::isatty(fd) == 1;
  t.term = Env("TERM");
  t.no_color = !Env("NO_COLOR").empty();
  t.size = [fd] {
    struct winsize ws {};
    if (::ioctl(fd, TIOCGWINSZ, &ws) != 0) return std::pair<int, int>(0, 0);
    return std::pair<int, int>(ws.ws_row, ws.ws_col);
  };
  return t;
}

bool CanDrawLive(const Terminal& t) {
  if (!t.is_tty || t.term == "dumb" || !t.size) return false;
  auto [rows, cols] = t.size();
  return rows >= 6 && cols >= 40;
}

std::unique_ptr<Printer> MakePrinter(const std::string& mode, std::ostream& out,
                                     const Terminal& terminal, Clock clock) {
  if (mode == "quiet") return std::make_unique<QuietPrinter>();
  if (mode == "rawjson") return MakeRawJsonPrinter(out, std::move(clock));
  if ((mode == "tty" || mode == "auto") && CanDrawLive(terminal)) {
    return MakeTtyPrinter(out, std::move(clock), terminal.size, !terminal.no_color);
  }
  return MakePlainPrinter(out, std::move(clock));
}

}  // namespace mybuild::cli::progress
