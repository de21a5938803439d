#include "cli/progress/tty_printer.h"

#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

#include "cli/progress/tty_view.h"

namespace mybuild::cli::progress {
namespace {

constexpr auto kRedrawEvery = std::chrono::milliseconds(100);

class TtyPrinter : public Printer {
 public:
  TtyPrinter(std::ostream& out, Clock clock, TerminalSize size, bool color)
      : out_(out), clock_(std::move(clock)), size_(std::move(size)), color_(color),
        view_(clock_()) {
    out_ << "\033[?25l" << Frame() << std::flush;  // no cursor blinking over the frame
    thread_ = std::thread([this] { Loop(); });
  }
  ~TtyPrinter() override { Finish(false); }

  void Planned(int steps) override { Update([&] { view_.Planned(steps); }); }
  void Started(const executor::StepLabel& s) override {
    Update([&] { view_.Started(s, clock_()); });
  }
  void Cached(const executor::StepLabel& s) override {
    Update([&] { view_.Cached(s, clock_()); });
  }
  void Output(const executor::StepLabel& s, std::string_view chunk) override {
    Update([&] { view_.Output(s, chunk); });
  }
  void Done(const executor::StepLabel& s, double) override {
    Update([&] { view_.Done(s, clock_()); });
  }
  void Failed(const executor::StepLabel& s, std::string_view) override {
    Update([&] { view_.Failed(s, clock_()); });
  }
  void Transfer(const executor::StepLabel& s, const executor::TransferStatus& t) override {
    Update([&] { view_.Transfer(s, t, clock_()); });
  }
  void Note(std::string_view message) override { Update([&] { view_.Note(message); }); }

  void Finish(bool ok) override {
    {
      std::lock_guard lock(mu_);
      if (view_.finished()) return;
      view_.Finish(ok, clock_());
      stop_ = true;
    }
    wake_.notify_all();
    thread_.join();
    std::lock_guard lock(mu_);
    out_ << Frame() << "\033[?25h" << std::flush;
  }

 private:
  template <typename F>
  void Update(F f) {
    std::lock_guard lock(mu_);
    if (view_.finished()) return;
    f();
    dirty_ = true;
  }

  // The only writer while the build runs. The frame is written outside
  // mu_: a terminal slow to read (tmux on a loaded machine) then delays the
  // next frame, never a step reporting its start or end.
  void Loop() {
    std::unique_lock lock(mu_);
    while (!stop_) {
      wake_.wait_for(lock, kRedrawEvery, [this] { return stop_; });
      if (stop_ || !(dirty_ || view_.running())) continue;
      std::string frame = Frame();
      lock.unlock();
      out_ << frame << std::flush;
      lock.lock();
    }
  }

  // The next frame, drawn over the last. Under mu_ (or before the thread
  // starts).
  std::string Frame() {
    auto [rows, cols] = size_();
    std::vector<std::string> lines = view_.Render(clock_(), cols - 1, rows - 1, color_);
    std::string frame;
    if (drawn_ > 0) frame += "\033[" + std::to_string(drawn_) + "A\r";
    for (const std::string& l : lines) frame += l + "\033[K\n";
    frame += "\033[J";  // a shorter frame leaves nothing of the last below it
    drawn_ = lines.size();
    dirty_ = false;
    return frame;
  }

  std::ostream& out_;
  Clock clock_;
  TerminalSize size_;
  bool color_;
  std::mutex mu_;
  std::condition_variable wake_;
  TtyView view_;
  bool dirty_ = false, stop_ = false;
  size_t drawn_ = 0;  // lines of the frame on the screen
  std::thread thread_;
};

}  // namespace

std::unique_ptr<Printer> MakeTtyPrinter(std::ostream& out, Clock clock, TerminalSize size,
                                        bool color) {
  return std::make_unique<TtyPrinter>(out, std::move(clock), std::move(size), color);
}

}  // namespace mybuild::cli::progress
