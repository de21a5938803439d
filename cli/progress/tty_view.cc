#include "cli/progress/tty_view.h"

#include <fmt/format.h>

#include "cli/progress/printer.h"

namespace mybuild::cli::progress {
namespace {

double Between(TtyView::Time a, TtyView::Time b) {
  return std::chrono::duration<double>(b - a).count();
}

// At most `width` bytes of `s`, not ending inside a UTF-8 sequence.
std::string Cut(std::string_view s, size_t width) {
  if (s.size() <= width) return std::string(s);
  size_t n = width;
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
  return std::string(s.substr(0, n));
}

// Output shown in a frame: tabs as a space, no other control characters.
std::string Printable(std::string_view line) {
  std::string out;
  for (char c : line) {
    if (c == '\t') out += ' ';
    else if (static_cast<unsigned char>(c) >= 0x20 && c != 0x7f) out += c;
  }
  return out;
}

std::string Paint(const std::string& line, const char* code, bool color) {
  return color && code ? std::string(code) + line + "\033[0m" : line;
}

}  // namespace

std::string FitLine(std::string_view left, std::string_view right, int width) {
  size_t w = width > 0 ? static_cast<size_t>(width) : 0;
  if (right.size() + 1 >= w) return Cut(left, w);
  std::string l = Cut(left, w - right.size() - 1);
  return l + std::string(w - l.size() - right.size(), ' ') + std::string(right);
}

TtyView::Entry* TtyView::Step(const executor::StepLabel& s, Time now) {
  auto it = by_id_.find(s.id);
  if (it != by_id_.end()) return &entries_[it->second];
  by_id_[s.id] = entries_.size();
  entries_.push_back({State::kRunning, StepName(s), now, now, {}, "", {}, s.index == 0});
  return &entries_.back();
}

void TtyView::Started(const executor::StepLabel& s, Time now) { Step(s, now); }

void TtyView::Cached(const executor::StepLabel& s, Time now) {
  Entry* e = Step(s, now);
  e->state = State::kCached;
  e->end = e->start;
}

void TtyView::Output(const executor::StepLabel& s, std::string_view chunk) {
  auto it = by_id_.find(s.id);
  if (it == by_id_.end()) return;
  Entry& e = entries_[it->second];
  for (std::string& line : TakeLines(e.partial, chunk)) {
    e.logs.push_back(Printable(line));
    if (e.logs.size() > kLogLines) e.logs.pop_front();
  }
}

void TtyView::Done(const executor::StepLabel& s, Time now) {
  Entry* e = Step(s, now);
  e->state = State::kDone;
  e->end = now;
}

void TtyView::Failed(const executor::StepLabel& s, Time now) {
  Entry* e = Step(s, now);
  e->state = State::kFailed;
  e->end = now;
  if (!e->partial.empty()) {
    e->logs.push_back(Printable(e->partial));
    if (e->logs.size() > kLogLines) e->logs.pop_front();
  }
}

void TtyView::Transfer(const executor::StepLabel& s, const executor::TransferStatus& t,
                       Time now) {
  Entry* e = Step(s, now);
  for (Item& i : e->items) {
    if (i.status.id != t.id) continue;
    i.status = t;
    i.last = now;
    return;
  }
  e->items.push_back({t, now, now});
}

// The items of a running transfer: those still moving, then the last
// completed ones, kLogLines in all at most.
std::vector<std::string> TtyView::ItemLines(const Entry& e, Time now, int width) const {
  std::vector<const Item*> shown;
  for (const Item& i : e.items) {
    if (!i.status.completed) shown.push_back(&i);
  }
  for (auto it = e.items.rbegin(); it != e.items.rend() && shown.size() < kLogLines; ++it) {
    if (it->status.completed) shown.push_back(&*it);
  }
  if (shown.size() > kLogLines) shown.resize(kLogLines);
  std::vector<std::string> out;
  for (const Item* i : shown) {
    const executor::TransferStatus& t = i->status;
    std::string text = " => => " + t.id.substr(0, t.id.starts_with("sha256:") ? 19 : t.id.size());
    if (t.total > 0) text += " " + ByteCount(t.current) + " / " + ByteCount(t.total);
    double took = Between(i->start, t.completed ? i->last : now);
    if (t.total > 0 && took > 0) {
      text += " " + ByteCount(static_cast<int64_t>(t.current / took)) + "/s";
    }
    if (t.completed) text += " done";
    out.push_back(FitLine(text, Seconds(took), width));
  }
  return out;
}

void TtyView::Note(std::string_view message) {
  entries_.push_back({State::kNote, std::string(message), {}, {}, {}, "", {}, false});
}

void TtyView::Finish(bool ok, Time now) {
  finished_ = true;
  ok_ = ok;
  end_ = now;
}

bool TtyView::running() const {
  for (const Entry& e : entries_) {
    if (e.state == State::kRunning) return true;
  }
  return false;
}

std::string TtyView::Header(Time now) const {
  int done = 0, steps = 0;
  for (const Entry& e : entries_) {
    if (e.state == State::kNote) continue;
    ++steps;
    done += e.state == State::kDone || e.state == State::kCached ? 1 : 0;
  }
  std::string head = fmt::format("[+] Building {:.1f}s ({}/{})",
                                 Between(start_, finished_ ? end_ : now),
                                 done, std::max(steps, planned_));
  if (finished_) head += ok_ ? " FINISHED" : " FAILED";
  return head;
}

std::vector<std::string> TtyView::Block(const Entry& e, Time now, int width,
                                        bool color) const {
  if (e.state == State::kNote) return {Cut(" => " + Printable(e.text), width)};
  const char* mark = e.state == State::kCached ? "CACHED " : e.state == State::kFailed ? "ERROR " : "";
  double took = Between(e.start, e.state == State::kRunning ? now : e.end);
  std::string line = FitLine(" => " + std::string(mark) + e.text, Seconds(took), width);
  const char* code = e.state == State::kRunning  ? nullptr
                     : e.state == State::kFailed ? "\033[31m"
                                                 : "\033[34m";
  std::vector<std::string> out = {Paint(line, code, color)};
  if (e.state == State::kRunning) {
    for (std::string& l : ItemLines(e, now, width)) out.push_back(std::move(l));
  }
  // Output shows under a running step, and under one that failed.
  if (e.state == State::kRunning || e.state == State::kFailed) {
    for (const std::string& l : e.logs) {
      out.push_back(Paint(Cut(" => => # " + l, width), color ? "\033[2m" : nullptr, color));
    }
  }
  return out;
}

std::vector<std::string> TtyView::Render(Time now, int width, int height, bool color) const {
  std::vector<std::vector<std::string>> blocks;
  size_t lines = 1;
  for (const Entry& e : entries_) {
    blocks.push_back(Block(e, now, width, color));
    lines += blocks.back().size();
  }
  if (finished_) {
    int run = 0, cached = 0;
    for (const Entry& e : entries_) {
      if (e.transfer) continue;
      run += e.state == State::kDone || e.state == State::kFailed ? 1 : 0;
      cached += e.state == State::kCached ? 1 : 0;
    }
    blocks.push_back({Cut(fmt::format("Built in {}: {} step{} run, {} cached",
                                      Seconds(Between(start_, end_)), run,
                                      run == 1 ? "" : "s", cached),
                          width)});
    height = static_cast<int>(lines + 1);
  }
  size_t room = height > 1 ? static_cast<size_t>(height) : 1;
  // Too tall: leave out the oldest finished lines, then the oldest output.
  for (size_t i = 0; i < entries_.size() && lines > room; ++i) {
    if (entries_[i].state == State::kRunning) continue;
    lines -= blocks[i].size();
    blocks[i].clear();
  }
  for (auto& b : blocks) {
    while (lines > room && b.size() > 1) {
      b.erase(b.begin() + 1);
      --lines;
    }
  }
  std::string head = Header(now);
  const char* code = !finished_ ? nullptr : ok_ ? "\033[34m" : "\033[31m";
  std::vector<std::string> out = {Paint(Cut(head, width), code, color)};
  for (const auto& b : blocks) out.insert(out.end(), b.begin(), b.end());
  if (out.size() > room) out.resize(room);
  return out;
}

}  // namespace mybuild::cli::progress
