#include "cli/progress_printer.h"

#include <fmt/format.h>

#include <map>
#include <mutex>

namespace mybuild::cli {
namespace {

class LinePrinter : public executor::Progress {
 public:
  LinePrinter(std::ostream& out, bool color) : out_(out), color_(color) {}

  void Started(const executor::StepLabel& s) override {
    std::lock_guard lock(mu_);
    Header(s, "");
  }
  void Cached(const executor::StepLabel& s) override {
    std::lock_guard lock(mu_);
    Header(s, " (cached)");
  }
  void Output(const executor::StepLabel& s, std::string_view chunk) override {
    std::lock_guard lock(mu_);
    std::string& partial = partial_[s.id];
    partial.append(chunk);
    size_t nl;
    while ((nl = partial.find('\n')) != std::string::npos) {
      Line(s.id, partial.substr(0, nl));
      partial.erase(0, nl + 1);
    }
  }
  void Done(const executor::StepLabel& s, double seconds) override {
    std::lock_guard lock(mu_);
    auto it = partial_.find(s.id);
    if (it != partial_.end()) {
      if (!it->second.empty()) Line(s.id, it->second);
      partial_.erase(it);
    }
    out_ << fmt::format("#{} DONE {:.1f}s\n", s.id, seconds) << std::flush;
  }
  void Note(std::string_view message) override {
    std::lock_guard lock(mu_);
    out_ << message << "\n" << std::flush;
  }

 private:
  void Header(const executor::StepLabel& s, const char* suffix) {
    std::string stage = s.stage.empty() ? "" : s.stage + " ";
    std::string text = fmt::format("#{} [{}{}/{}] {}{}", s.id, stage, s.index,
                                   s.count, s.text, suffix);
    out_ << (color_ ? "\033[1m" + text + "\033[0m" : text) << "\n" << std::flush;
  }
  void Line(int id, const std::string& line) {
    std::string text = fmt::format("#{} {}", id, line);
    out_ << (color_ ? "\033[2m" + text + "\033[0m" : text) << "\n";
  }

  std::ostream& out_;
  bool color_;
  std::mutex mu_;
  std::map<int, std::string> partial_;
};

class QuietPrinter : public executor::Progress {
 public:
  void Started(const executor::StepLabel&) override {}
  void Cached(const executor::StepLabel&) override {}
  void Output(const executor::StepLabel&, std::string_view) override {}
  void Done(const executor::StepLabel&, double) override {}
  void Note(std::string_view) override {}
};

}  // namespace

std::unique_ptr<executor::Progress> MakeProgressPrinter(const std::string& mode,
                                                        std::ostream& out,
                                                        bool is_terminal) {
  if (mode == "quiet") return std::make_unique<QuietPrinter>();
  bool tty = mode == "tty" || (mode == "auto" && is_terminal);
  return std::make_unique<LinePrinter>(out, tty);
}

}  // namespace mybuild::cli
