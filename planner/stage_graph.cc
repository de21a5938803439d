#include "planner/stage_graph.h"

#include <algorithm>
#include <cctype>
#include <charconv>

namespace mybuild::planner {
namespace {

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

void AddRefs(const StageNames& names, const frontend::Instruction& inst,
             std::vector<int>& out) {
  auto add = [&](const std::string& ref) {
    if (ref.empty()) return;
    int s = names.ByRef(ref);
    if (s >= 0) out.push_back(s);
  };
  if (const auto* c = std::get_if<frontend::CopyInstruction>(&inst)) {
    add(c->from);
  } else if (const auto* r = std::get_if<frontend::RunInstruction>(&inst)) {
    for (const frontend::MountSpec& m : r->mounts) add(m.from);
  }
}

// Depth-first walk with its own stack (a chain of 100,000 stages would
// overflow the thread's); `state` is 0 unseen, 1 on the stack, 2 done.
class Walk {
 public:
  Walk(const frontend::Dockerfile& df, const std::string& filename,
       const StageDeps& deps)
      : df_(df), filename_(filename), deps_(deps), state_(df.stages.size()) {}

  Status Visit(int target) {
    RETURN_IF_ERROR(Enter(target));
    while (!stack_.empty()) {
      Frame& top = stack_.back();
      if (top.next == top.reads.size()) {
        state_[top.stage] = 2;
        order_.push_back(top.stage);
        stack_.pop_back();
        continue;
      }
      RETURN_IF_ERROR(Enter(top.reads[top.next++]));  // may move `top`
    }
    return Status::Ok();
  }
  std::vector<int> order() const { return order_; }

 private:
  struct Frame {
    int stage;
    std::vector<int> reads;  // sorted
    size_t next = 0;
  };

  // Puts `s` on the stack unless it is done; fails when it is already on
  // it (a cycle) or when its reads cannot be known.
  Status Enter(int s) {
    if (state_[s] == 2) return Status::Ok();
    if (state_[s] == 1) {
      const frontend::Stage& st = df_.stages[s];
      return InvalidArgument(filename_ + ":" + std::to_string(st.range.start_line) +
                             ": circular dependency detected on stage: " +
                             (st.name.empty() ? std::to_string(s) : st.name));
    }
    state_[s] = 1;
    ASSIGN_OR_RETURN(std::vector<int> reads, deps_(s));
    std::sort(reads.begin(), reads.end());
    stack_.push_back({s, std::move(reads)});
    return Status::Ok();
  }

  const frontend::Dockerfile& df_;
  const std::string& filename_;
  const StageDeps& deps_;
  std::vector<int> state_;
  std::vector<Frame> stack_;
  std::vector<int> order_;
};

}  // namespace

StageNames::StageNames(const frontend::Dockerfile& df)
    : count_(static_cast<int>(df.stages.size())) {
  first_.reserve(df.stages.size());
  for (int i = 0; i < count_; ++i) {
    const std::string& name = df.stages[i].name;
    if (!name.empty()) first_.emplace(name, i);  // keeps the first
  }
}

int StageNames::ByRef(const std::string& ref) const {
  int index = -1;
  auto [p, ec] = std::from_chars(ref.data(), ref.data() + ref.size(), index);
  if (ec == std::errc() && p == ref.data() + ref.size()) {
    return index >= 0 && index < count_ ? index : -1;
  }
  auto it = first_.find(Lower(ref));
  return it == first_.end() ? -1 : it->second;
}

int StageNames::Earlier(const std::string& name, int before) const {
  auto it = first_.find(name);
  return it != first_.end() && it->second < before ? it->second : -1;
}

int StageByRef(const frontend::Dockerfile& df, const std::string& ref) {
  return StageNames(df).ByRef(ref);
}

std::vector<int> FromStages(
    const StageNames& names,
    const std::vector<frontend::Instruction>& instructions) {
  std::vector<int> out;
  for (const frontend::Instruction& inst : instructions) AddRefs(names, inst, out);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::vector<ImageRead> FromImages(
    const StageNames& names,
    const std::vector<frontend::Instruction>& instructions) {
  std::vector<ImageRead> out;
  auto add = [&](const std::string& ref, int line) {
    if (ref.empty() || names.ByRef(ref) >= 0) return;
    for (const ImageRead& r : out) {
      if (r.ref == ref) return;
    }
    out.push_back({ref, line});
  };
  for (const frontend::Instruction& inst : instructions) {
    int line = frontend::RangeOf(inst).start_line;
    if (const auto* c = std::get_if<frontend::CopyInstruction>(&inst)) {
      add(c->from, line);
    } else if (const auto* r = std::get_if<frontend::RunInstruction>(&inst)) {
      for (const frontend::MountSpec& m : r->mounts) add(m.from, line);
    }
  }
  return out;
}

Expected<std::vector<int>> BuildOrder(const frontend::Dockerfile& df,
                                      const std::string& filename, int target,
                                      const StageDeps& deps) {
  Walk walk(df, filename, deps);
  RETURN_IF_ERROR(walk.Visit(target));
  return walk.order();
}

}  // namespace mybuild::planner
