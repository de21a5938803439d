#include "cli/progress/rawjson_printer.h"

#include <ctime>
#include <map>
#include <mutex>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "registry/base64.h"

namespace mybuild::cli::progress {
namespace {

using Json = nlohmann::ordered_json;

class RawJsonPrinter : public Printer {
 public:
  RawJsonPrinter(std::ostream& out, Clock clock) : out_(out), clock_(std::move(clock)) {}

  void Started(const executor::StepLabel& s) override {
    std::lock_guard lock(mu_);
    std::string now = Now();
    started_[s.id] = now;
    Vertex(s, now, "", false, nullptr);
  }
  void Cached(const executor::StepLabel& s) override {
    std::lock_guard lock(mu_);
    std::string now = Now();
    Vertex(s, now, now, true, nullptr);
  }
  void Output(const executor::StepLabel& s, std::string_view chunk) override {
    std::lock_guard lock(mu_);
    Json log = {{"vertex", Digest(s)},
                {"stream", 1},
                {"data", registry::Base64Encode(chunk)},
                {"timestamp", Now()}};
    Write({{"logs", Json::array({log})}});
  }
  void Done(const executor::StepLabel& s, double) override {
    std::lock_guard lock(mu_);
    Vertex(s, StartOf(s), Now(), false, nullptr);
  }
  void Failed(const executor::StepLabel& s, std::string_view error) override {
    std::lock_guard lock(mu_);
    std::string e(error);
    Vertex(s, StartOf(s), Now(), false, &e);
  }
  void Transfer(const executor::StepLabel& s, const executor::TransferStatus& t) override {
    std::lock_guard lock(mu_);
    std::string now = Now();
    auto [it, first] = item_start_.try_emplace({s.id, t.id}, now);
    Json status = {{"id", t.id},       {"vertex", Digest(s)}, {"current", t.current},
                   {"total", t.total}, {"timestamp", now},    {"started", it->second}};
    if (t.completed) {
      status["completed"] = now;
      item_start_.erase(it);
    }
    Write({{"statuses", Json::array({status})}});
  }
  void Note(std::string_view message) override {
    std::lock_guard lock(mu_);
    Json note = {{"message", std::string(message)}, {"timestamp", Now()}};
    Write({{"notes", Json::array({note})}});
  }

 private:
  static std::string Digest(const executor::StepLabel& s) { return "sha256:" + s.key; }
  std::string Now() const { return Rfc3339Nano(clock_()); }
  // When the step started; now for one that failed before it started.
  std::string StartOf(const executor::StepLabel& s) {
    auto it = started_.find(s.id);
    return it == started_.end() ? Now() : it->second;
  }
  void Vertex(const executor::StepLabel& s, const std::string& started,
              const std::string& completed, bool cached, const std::string* error) {
    Json v = {{"digest", Digest(s)}, {"name", StepName(s)}, {"started", started}};
    if (!completed.empty()) v["completed"] = completed;
    if (cached) v["cached"] = true;
    if (error) v["error"] = *error;
    Write({{"vertexes", Json::array({v})}});
  }
  void Write(const Json& j) {
    out_ << j.dump(-1, ' ', false, Json::error_handler_t::replace) << "\n" << std::flush;
  }

  std::ostream& out_;
  Clock clock_;
  std::mutex mu_;
  std::map<int, std::string> started_;
  std::map<std::pair<int, std::string>, std::string> item_start_;  // (step, item) -> time
};

}  // namespace

std::string Rfc3339Nano(std::chrono::system_clock::time_point t) {
  auto ns = std::chrono::duration_cast<std::chrono::nanoseconds>(t.time_since_epoch()).count();
  std::time_t secs = static_cast<std::time_t>(ns / 1000000000);
  long frac = static_cast<long>(ns % 1000000000);
  if (frac < 0) {
    frac += 1000000000;
    --secs;
  }
  std::tm tm{};
  ::gmtime_r(&secs, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &tm);
  std::string out = buf;
  if (frac != 0) {
    std::string digits = fmt::format("{:09d}", frac);
    digits.erase(digits.find_last_not_of('0') + 1);
    out += "." + digits;
  }
  return out + "Z";
}

std::unique_ptr<Printer> MakeRawJsonPrinter(std::ostream& out, Clock clock) {
  return std::make_unique<RawJsonPrinter>(out, std::move(clock));
}

}  // namespace mybuild::cli::progress
