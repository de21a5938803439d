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

TEST(PlainPrinterTest, TransferStepWithByteLinesAsBuildKitPrintsThem) {
  std::ostringstream out;
  auto t = std::make_shared<std::chrono::system_clock::time_point>();
  auto p = MakePlainPrinter(out, [t] {
    *t += std::chrono::milliseconds(150);
    return *t;
  });
  executor::StepLabel pull{3, "", 0, 0, "FROM docker.io/library/busybox@sha256:3f", "k"};
  executor::StepLabel push{4, "", 0, 0, "pushing r.example/app:1", "k2"};
  std::string blob = "sha256:" + std::string(64, 'a');
  p->Started(pull);
  p->Transfer(pull, {blob, 0, 2220000, false});
  p->Transfer(pull, {blob, 1234567, 2220000, false});
  p->Transfer(pull, {blob, 2220000, 2220000, true});
  p->Done(pull, 0.5);
  p->Started(push);
  p->Transfer(push, {"pushing layers", 0, 0, false});
  p->Transfer(push, {blob, 512, 512, true});
  p->Transfer(push, {"pushing layers", 0, 0, true});
  p->Transfer(push, {"pushing manifest for r.example/app:1@sha256:cd", 0, 0, false});
  p->Failed(push, "push r.example/app:1: denied\n  more");
  EXPECT_EQ(out.str(),
            "#3 FROM docker.io/library/busybox@sha256:3f\n"
            "#3 " + blob + " 0B / 2.22MB\n"
            "#3 " + blob + " 1.23MB / 2.22MB 0.1s\n"
            "#3 " + blob + " 2.22MB / 2.22MB 0.3s done\n"
            "#3 DONE 0.5s\n"
            "#4 pushing r.example/app:1\n"
            "#4 pushing layers\n"
            "#4 " + blob + " 512B / 512B done\n"
            "#4 pushing layers 0.3s done\n"
            "#4 pushing manifest for r.example/app:1@sha256:cd\n"
            "#4 ERROR: push r.example/app:1: denied\n");
}

TEST(PlainPrinterTest, ByteCountsInBuildKitsUnits) {
  EXPECT_EQ(ByteCount(0), "0B");
  EXPECT_EQ(ByteCount(999), "999B");
  EXPECT_EQ(ByteCount(12300), "12.3kB");
  EXPECT_EQ(ByteCount(45670000), "45.67MB");
  EXPECT_EQ(ByteCount(1200000000), "1.2GB");
}

}  // namespace
}  // namespace mybuild::cli::progress
