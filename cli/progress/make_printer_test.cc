#include "cli/progress/make_printer.h"

#include <stdlib.h>
#include <unistd.h>

#include <sstream>

#include <gtest/gtest.h>

namespace mybuild::cli::progress {
namespace {

Terminal Tty(int rows, int cols, std::string term = "xterm") {
  return {true, std::move(term), false, [=] { return std::pair<int, int>(rows, cols); }};
}

Clock Fixed() {
  return [] { return std::chrono::system_clock::from_time_t(1767323045); };
}

TEST(MakePrinterTest, LiveViewOnlyOnABigEnoughTerminal) {
  EXPECT_TRUE(CanDrawLive(Tty(6, 40)));
  EXPECT_FALSE(CanDrawLive(Tty(5, 80)));
  EXPECT_FALSE(CanDrawLive(Tty(30, 39)));
  EXPECT_FALSE(CanDrawLive(Tty(30, 100, "dumb")));
  Terminal pipe = Tty(30, 100);
  pipe.is_tty = false;
  EXPECT_FALSE(CanDrawLive(pipe));
}

// NO_COLOR (no-color.org): set and not empty turns the colours off; TERM is
// read from the environment as it is.
TEST(MakePrinterTest, TerminalReadsNoColorAndTerm) {
  ::setenv("TERM", "xterm-256color", 1);
  ::unsetenv("NO_COLOR");
  EXPECT_FALSE(TerminalOf(STDERR_FILENO).no_color);
  ::setenv("NO_COLOR", "", 1);
  EXPECT_FALSE(TerminalOf(STDERR_FILENO).no_color);
  ::setenv("NO_COLOR", "1", 1);
  Terminal t = TerminalOf(STDERR_FILENO);
  EXPECT_TRUE(t.no_color);
  EXPECT_EQ(t.term, "xterm-256color");
  ::unsetenv("NO_COLOR");
}

// The printer each mode makes, seen by what one cached step prints.
std::string Print(const std::string& mode, const Terminal& t) {
  std::ostringstream out;
  auto p = MakePrinter(mode, out, t, Fixed());
  p->Cached({1, "", 1, 1, "COPY a /a", "k"});
  p->Finish(true);
  return out.str();
}

TEST(MakePrinterTest, ModesAndFallbacks) {
  const std::string plain = "#1 [1/1] COPY a /a\n#1 CACHED\n";
  EXPECT_EQ(Print("plain", Tty(30, 100)), plain);
  EXPECT_EQ(Print("tty", Tty(30, 100, "dumb")), plain);
  EXPECT_EQ(Print("auto", Tty(3, 100)), plain);
  EXPECT_EQ(Print("quiet", Tty(30, 100)), "");
  EXPECT_EQ(Print("rawjson", Tty(30, 100)).substr(0, 13), "{\"vertexes\":[");
}

TEST(MakePrinterTest, TtyDrawsInPlaceAndEndsWithTheFinalFrame) {
  Terminal t = Tty(30, 60);
  t.no_color = true;
  std::string out = Print("tty", t);
  // The first frame, then (after zero or more redraws) the final one drawn
  // over it, and the cursor shown again.
  EXPECT_EQ(out.substr(0, 41), "\033[?25l[+] Building 0.0s (0/0)\033[K\n\033[J\033[1A\r");
  const std::string last =
      "[+] Building 0.0s (1/1) FINISHED\033[K\n"
      " => CACHED [1/1] COPY a /a                             0.0s\033[K\n"
      "Built in 0.0s: 0 steps run, 1 cached\033[K\n\033[J\033[?25h";
  ASSERT_GE(out.size(), last.size());
  EXPECT_EQ(out.substr(out.size() - last.size()), last) << out;
}

}  // namespace
}  // namespace mybuild::cli::progress
