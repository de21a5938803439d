#include "cli/progress/plain_printer.h"

#include <sstream>

#include <gtest/gtest.h>

namespace mybuild::cli::progress {
namespace {

TEST(PlainPrinterTest, BuildKitNumberingCachedDoneAndError) {
  std::ostringstream out;
  auto p = MakePlainPrinter(out);
  executor::StepLabel copy{1, "base", 1, 2, "COPY a /a", "aa"};
  executor::StepLabel run{2, "app", 1, 3, "RUN make", "bb"};
  executor::StepLabel bad{3, "app", 2, 3, "RUN exit 3", "cc"};
  p->Planned(5);
  p->Cached(copy);
  p->Started(run);
  p->Output(run, "compil");
  p->Output(run, "ing\nlinking\npartial");
  p->Done(run, 1.25);
  p->Started(bad);
  p->Output(bad, "oops");
  p->Failed(bad, "Dockerfile:4: process \"/bin/sh -c exit 3\" did not complete successfully: "
                 "exit code: 3\n  > oops");
  p->Note("writing image sha256:abc");
  p->Finish(false);
  EXPECT_EQ(out.str(),
            "#1 [base 1/2] COPY a /a\n"
            "#1 CACHED\n"
            "#2 [app 1/3] RUN make\n"
            "#2 compiling\n"
            "#2 linking\n"
            "#2 partial\n"
            "#2 DONE 1.2s\n"
            "#3 [app 2/3] RUN exit 3\n"
            "#3 oops\n"
            "#3 ERROR: Dockerfile:4: process \"/bin/sh -c exit 3\" did not complete "
            "successfully: exit code: 3\n"
            "writing image sha256:abc\n");
}

TEST(PlainPrinterTest, OneStageBuildHasNoStageName) {
  std::ostringstream out;
  auto p = MakePlainPrinter(out);
  p->Started({7, "", 2, 4, "RUN x", "k"});
  p->Done({7, "", 2, 4, "RUN x", "k"}, 0.04);
  EXPECT_EQ(out.str(), "#7 [2/4] RUN x\n#7 DONE 0.0s\n");
}

}  // namespace
}  // namespace mybuild::cli::progress
