#include "cli/progress_printer.h"

#include <sstream>

#include <gtest/gtest.h>

namespace mybuild::cli {
namespace {

TEST(ProgressPrinterTest, PlainPrefixesEveryLine) {
  std::ostringstream out;
  auto p = MakeProgressPrinter("auto", out, /*is_terminal=*/false);
  executor::StepLabel run{2, "", 1, 3, "RUN make"};
  executor::StepLabel copy{3, "builder", 2, 3, "COPY . /src"};
  p->Started(run);
  p->Output(run, "compil");
  p->Output(run, "ing\nlinking\npartial");
  p->Done(run, 1.25);
  p->Cached(copy);
  p->Note("writing image sha256:abc");
  EXPECT_EQ(out.str(),
            "#2 [1/3] RUN make\n"
            "#2 compiling\n"
            "#2 linking\n"
            "#2 partial\n"
            "#2 DONE 1.2s\n"
            "#3 [builder 2/3] COPY . /src (cached)\n"
            "writing image sha256:abc\n");
}

TEST(ProgressPrinterTest, TtyIsBoldAndQuietIsSilent) {
  std::ostringstream tty, quiet;
  executor::StepLabel s{1, "", 1, 1, "RUN x"};
  MakeProgressPrinter("tty", tty, false)->Started(s);
  EXPECT_EQ(tty.str(), "\033[1m#1 [1/1] RUN x\033[0m\n");
  auto q = MakeProgressPrinter("quiet", quiet, true);
  q->Started(s);
  q->Output(s, "x\n");
  q->Note("n");
  EXPECT_EQ(quiet.str(), "");
}

}  // namespace
}  // namespace mybuild::cli
