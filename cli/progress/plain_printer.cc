#include "cli/progress/plain_printer.h"

#include <map>
#include <mutex>

namespace mybuild::cli::progress {
namespace {

class PlainPrinter : public Printer {
 public:
  PlainPrinter(std::ostream& out, Clock clock)
      : out_(out),
        clock_(clock ? std::move(clock) : [] { return std::chrono::system_clock::now(); }) {}

  void Started(const executor::StepLabel& s) override {
    std::lock_guard lock(mu_);
    Line(s.id, StepName(s));
    out_.flush();
  }
  void Cached(const executor::StepLabel& s) override {
    std::lock_guard lock(mu_);
    Line(s.id, StepName(s));
    Line(s.id, "CACHED");
    out_.flush();
  }
  void Output(const executor::StepLabel& s, std::string_view chunk) override {
    std::lock_guard lock(mu_);
    for (const std::string& line : TakeLines(partial_[s.id], chunk)) Line(s.id, line);
  }
  void Done(const executor::StepLabel& s, double seconds) override {
    std::lock_guard lock(mu_);
    FlushPartial(s.id);
    Line(s.id, "DONE " + Seconds(seconds));
    out_.flush();
  }
  void Failed(const executor::StepLabel& s, std::string_view error) override {
    std::lock_guard lock(mu_);
    FlushPartial(s.id);
    // The first line: the whole error (with the command's last output)
    // follows the build.
    Line(s.id, "ERROR: " + std::string(error.substr(0, error.find('\n'))));
    out_.flush();
  }
  void Transfer(const executor::StepLabel& s, const executor::TransferStatus& t) override {
    std::lock_guard lock(mu_);
    auto now = clock_();
    auto [it, first] = item_start_.try_emplace({s.id, t.id}, now);
    double seconds = std::chrono::duration<double>(now - it->second).count();
    Line(s.id, TransferText(t, seconds, first));
    if (t.completed) item_start_.erase(it);
    out_.flush();
  }
  void Note(std::string_view message) override {
    std::lock_guard lock(mu_);
    out_ << message << "\n" << std::flush;
  }

 private:
  void FlushPartial(int id) {
    auto it = partial_.find(id);
    if (it == partial_.end()) return;
    if (!it->second.empty()) Line(id, it->second);
    partial_.erase(it);
  }
  void Line(int id, const std::string& text) { out_ << "#" << id << " " << text << "\n"; }

  std::ostream& out_;
  Clock clock_;
  std::mutex mu_;
  // When each transfer item (step, item) was first reported.
  std::map<std::pair<int, std::string>, std::chrono::system_clock::time_point> item_start_;
  std::map<int, std::string> partial_;  // a step's output after its last "\n"
};

}  // namespace

std::unique_ptr<Printer> MakePlainPrinter(std::ostream& out, Clock clock) {
  return std::make_unique<PlainPrinter>(out, std::move(clock));
}

}  // namespace mybuild::cli::progress
