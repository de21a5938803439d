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

void AddRefs(const frontend::Dockerfile& df, const frontend::Instruction& inst,
             std::vector<int>& out) {
  auto add = [&](const std::string& ref) {
    if (ref.empty()) return;
    int s = StageByRef(df, ref);
    if (s >= 0) out.push_back(s);
  };
  if (const auto* c = std::get_if<frontend::CopyInstruction>(&inst)) {
    add(c->from);
  } else if (const auto* r = std::get_if<frontend::RunInstruction>(&inst)) {
    for (const frontend::MountSpec& m : r->mounts) add(m.from);
  }
}

// Depth-first walk; `state` is 0 unseen, 1 on the stack, 2 done.
class Walk {
 public:
  Walk(const frontend::Dockerfile& df, const std::string& filename,
       const StageDeps& deps)
      : df_(df), filename_(filename), deps_(deps), state_(df.stages.size()) {}

  Status Visit(int s) {
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
    for (int d : reads) RETURN_IF_ERROR(Visit(d));
    state_[s] = 2;
    order_.push_back(s);
    return Status::Ok();
  }
  std::vector<int> order() const { return order_; }

 private:
  const frontend::Dockerfile& df_;
  const std::string& filename_;
  const StageDeps& deps_;
  std::vector<int> state_;
  std::vector<int> order_;
};

}  // namespace

int StageByRef(const frontend::Dockerfile& df, const std::string& ref) {
  int index = -1;
  auto [p, ec] = std::from_chars(ref.data(), ref.data() + ref.size(), index);
  if (ec == std::errc() && p == ref.data() + ref.size()) {
    return index >= 0 && index < static_cast<int>(df.stages.size()) ? index : -1;
  }
  std::string name = Lower(ref);
  for (size_t i = 0; i < df.stages.size(); ++i) {
    if (!df.stages[i].name.empty() && df.stages[i].name == name) {
      return static_cast<int>(i);
    }
  }
  return -1;
}

std::vector<int> FromStages(
    const frontend::Dockerfile& df,
    const std::vector<frontend::Instruction>& instructions) {
  std::vector<int> out;
  for (const frontend::Instruction& inst : instructions) AddRefs(df, inst, out);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::vector<ImageRead> FromImages(
    const frontend::Dockerfile& df,
    const std::vector<frontend::Instruction>& instructions) {
  std::vector<ImageRead> out;
  auto add = [&](const std::string& ref, int line) {
    if (ref.empty() || StageByRef(df, ref) >= 0) return;
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
