#include "executor/transfer_step.h"

#include <gtest/gtest.h>

#include "base/sha256.h"

#include <string>
#include <vector>

namespace mybuild::executor {
namespace {

class Recorder : public Progress {
 public:
  void Started(const StepLabel& s) override { Add("start #" + std::to_string(s.id) + " " + s.text); }
  void Cached(const StepLabel&) override {}
  void Output(const StepLabel&, std::string_view) override {}
  void Done(const StepLabel& s, double) override { Add("done #" + std::to_string(s.id)); }
  void Failed(const StepLabel& s, std::string_view e) override {
    Add("failed #" + std::to_string(s.id) + " " + std::string(e));
  }
  void Transfer(const StepLabel& s, const TransferStatus& t) override {
    Add("#" + std::to_string(s.id) + " " + t.id + " " + std::to_string(t.current) + "/" +
        std::to_string(t.total) + (t.completed ? " done" : ""));
  }
  void Note(std::string_view) override {}
  void Add(std::string line) { lines.push_back(std::move(line)); }
  std::vector<std::string> lines;
};

TEST(TransferStepTest, NumbersAfterStepsAndLimitsByteReports) {
  Recorder r;
  r.NewId();  // a Dockerfile step took #1
  auto t = std::chrono::steady_clock::time_point();
  {
    TransferStep step(&r, "FROM r/app@sha256:ab", [&] { return t; });
    EXPECT_EQ(step.label().key, Sha256Hex("FROM r/app@sha256:ab"));
    EXPECT_EQ(step.label().key.size(), 64u);
    EXPECT_EQ(step.label().index, 0);
    step.Bytes("sha256:aa", 0, 300, false);    // first: shown
    t += std::chrono::milliseconds(50);
    step.Bytes("sha256:aa", 100, 300, false);  // 50 ms later: left out
    step.Bytes("sha256:bb", 0, 10, false);     // another item: its own clock
    t += std::chrono::milliseconds(60);
    step.Bytes("sha256:aa", 200, 300, false);  // 110 ms after the last shown
    step.Bytes("sha256:aa", 300, 300, true);  // completed: always
    step.Bytes("sha256:aa", 300, 300, true);  // after completed: nothing
    step.Begin("pushing layers");
    step.Complete("pushing layers");
    step.Finish(Status::Ok());
  }
  EXPECT_EQ(r.lines, (std::vector<std::string>{
                         "start #2 FROM r/app@sha256:ab", "#2 sha256:aa 0/300",
                         "#2 sha256:bb 0/10", "#2 sha256:aa 200/300", "#2 sha256:aa 300/300 done",
                         "#2 pushing layers 0/0", "#2 pushing layers 0/0 done", "done #2"}));
}

TEST(TransferStepTest, FailedOnceAndNothingAfter) {
  Recorder r;
  TransferStep step(&r, "pushing r/app:1");
  step.Finish(Unavailable("push r/app:1: connection refused"));
  step.Bytes("sha256:aa", 0, 1, false);
  step.Finish(Status::Ok());
  EXPECT_EQ(r.lines, (std::vector<std::string>{"start #1 pushing r/app:1",
                                               "failed #1 push r/app:1: connection refused"}));
}

TEST(TransferStepTest, LeftUnfinishedIsCancelled) {
  Recorder r;
  { TransferStep step(&r, "pushing r/app:1"); }
  EXPECT_EQ(r.lines, (std::vector<std::string>{"start #1 pushing r/app:1", "failed #1 cancelled"}));
}

TEST(TransferStepTest, NoProgressNoStep) {
  TransferStep step(nullptr, "FROM x");
  step.Bytes("sha256:aa", 0, 1, false);
  step.Finish(Status::Ok());
  EXPECT_EQ(step.label().id, 0);
}

}  // namespace
}  // namespace mybuild::executor
