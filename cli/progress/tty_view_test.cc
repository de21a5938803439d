#include "cli/progress/tty_view.h"

#include <gtest/gtest.h>

namespace mybuild::cli::progress {
namespace {

using std::chrono::milliseconds;
using Lines = std::vector<std::string>;

TtyView::Time At(int ms) {
  return std::chrono::system_clock::from_time_t(1767323045) + milliseconds(ms);
}

// Two stages: base's COPY is cached, app's RUN runs with output while
// base's RUN runs beside it.
class TtyViewTest : public ::testing::Test {
 protected:
  void SetUp() override {
    view_.Planned(4);
    view_.Cached(copy_, At(100));
    view_.Started(run_, At(200));
    view_.Started(test_, At(300));
    view_.Output(run_, "one\ntwo\n\tthree\x1b[1m\npart");
  }
  TtyView view_{At(0)};
  executor::StepLabel copy_{1, "base", 1, 2, "COPY a /a", "k1"};
  executor::StepLabel run_{2, "app", 1, 2, "RUN make", "k2"};
  executor::StepLabel test_{3, "base", 2, 2, "RUN test", "k3"};
};

TEST_F(TtyViewTest, RunningStepsWithClocksAndOutput) {
  EXPECT_EQ(view_.Render(At(1500), 50, 20, false),
            (Lines{"[+] Building 1.5s (1/4)",
                   " => CACHED [base 1/2] COPY a /a               0.0s",
                   " => [app 1/2] RUN make                        1.3s",
                   " => => # one",
                   " => => # two",
                   " => => #  three[1m",
                   " => [base 2/2] RUN test                       1.2s"}));
  EXPECT_TRUE(view_.running());
}

TEST_F(TtyViewTest, NarrowTerminalCutsText) {
  Lines frame = view_.Render(At(1500), 24, 20, false);
  EXPECT_EQ(frame[1], " => CACHED [base 1/ 0.0s");
  EXPECT_EQ(frame[2], " => [app 1/2] RUN m 1.3s");
  for (const std::string& l : frame) EXPECT_LE(l.size(), 24u) << l;
}

TEST_F(TtyViewTest, ShortTerminalDropsFinishedLinesFirst) {
  view_.Done(test_, At(900));
  EXPECT_EQ(view_.Render(At(1500), 50, 4, false),
            (Lines{"[+] Building 1.5s (2/4)",
                   " => [app 1/2] RUN make                        1.3s",
                   " => => # two",
                   " => => #  three[1m"}));
}

TEST_F(TtyViewTest, OnlyTheLastSixOutputLines) {
  view_.Output(run_, "\n3\n4\n5\n6\n7\n");
  Lines frame = view_.Render(At(1500), 50, 20, false);
  EXPECT_EQ(frame[3], " => => # part");
  EXPECT_EQ(frame[8], " => => # 7");
  EXPECT_EQ(frame[9], " => [base 2/2] RUN test                       1.2s");
}

TEST_F(TtyViewTest, FinalFrameSaysFinishedWithSummary) {
  view_.Done(run_, At(2200));
  view_.Done(test_, At(2400));
  view_.Note("writing image sha256:abc");
  view_.Finish(true, At(2500));
  EXPECT_FALSE(view_.running());
  // Drawn whole, whatever the height; the clocks stopped.
  EXPECT_EQ(view_.Render(At(9000), 50, 3, false),
            (Lines{"[+] Building 2.5s (3/4) FINISHED",
                   " => CACHED [base 1/2] COPY a /a               0.0s",
                   " => [app 1/2] RUN make                        2.0s",
                   " => [base 2/2] RUN test                       2.1s",
                   " => writing image sha256:abc",
                   "Built in 2.5s: 2 steps run, 1 cached"}));
}

TEST_F(TtyViewTest, FailedStepKeepsItsOutputInColour) {
  view_.Failed(run_, At(700));
  view_.Finish(false, At(800));
  EXPECT_EQ(view_.Render(At(800), 50, 20, true),
            (Lines{"\033[31m[+] Building 0.8s (1/4) FAILED\033[0m",
                   "\033[34m => CACHED [base 1/2] COPY a /a               0.0s\033[0m",
                   "\033[31m => ERROR [app 1/2] RUN make                  0.5s\033[0m",
                   "\033[2m => => # one\033[0m",
                   "\033[2m => => # two\033[0m",
                   "\033[2m => => #  three[1m\033[0m",
                   "\033[2m => => # part\033[0m",
                   " => [base 2/2] RUN test                       0.5s",
                   "Built in 0.8s: 1 step run, 1 cached"}));
}

TEST(TtyViewTransferTest, PullShowsItsBlobsWithBytesAndRateWhileRunning) {
  TtyView view(At(0));
  executor::StepLabel pull{1, "", 0, 0, "FROM r/app@sha256:ab", "k"};
  executor::StepLabel run{2, "", 1, 1, "RUN make", "k2"};
  std::string a = "sha256:" + std::string(64, 'a'), b = "sha256:" + std::string(64, 'b');
  view.Started(pull, At(0));
  view.Transfer(pull, {a, 0, 4000000, false}, At(0));
  view.Transfer(pull, {b, 0, 1000, false}, At(100));
  view.Transfer(pull, {a, 2000000, 4000000, false}, At(1000));
  view.Transfer(pull, {b, 1000, 1000, true}, At(600));
  EXPECT_EQ(view.Render(At(1000), 60, 20, false),
            (Lines{"[+] Building 1.0s (0/1)",
                   " => FROM r/app@sha256:ab                                1.0s",
                   " => => sha256:aaaaaaaaaaaa 2MB / 4MB 2MB/s              1.0s",
                   " => => sha256:bbbbbbbbbbbb 1kB / 1kB 2kB/s done         0.5s"}));
  view.Done(pull, At(1500));
  view.Cached(run, At(1500));
  view.Finish(true, At(1600));
  EXPECT_EQ(view.Render(At(1600), 60, 20, false),
            (Lines{"[+] Building 1.6s (2/2) FINISHED",
                   " => FROM r/app@sha256:ab                                1.5s",
                   " => CACHED [1/1] RUN make                               0.0s",
                   "Built in 1.6s: 0 steps run, 1 cached"}));
}

TEST(FitLineTest, PadsCutsAndKeepsUtf8Whole) {
  EXPECT_EQ(FitLine("ab", "1s", 8), "ab    1s");
  EXPECT_EQ(FitLine("abcdefgh", "1s", 8), "abcde 1s");
  EXPECT_EQ(FitLine("ab\xc3\xa9", "1s", 6), "ab  1s");  // é does not fit: left out whole
}

}  // namespace
}  // namespace mybuild::cli::progress
