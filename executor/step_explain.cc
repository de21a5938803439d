#include "executor/step_explain.h"

#include "cache/context_digester.h"
#include "executor/stage_runner.h"
#include "planner/step_inputs.h"

namespace mybuild::executor {

Expected<std::vector<planner::StepInput>> StepExplainer::Inputs(
    const planner::Step& step) const {
  std::vector<planner::StepInput> out = step.inputs;
  if (step.kind != planner::StepKind::kCopy || step.copy.from_stage >= 0 ||
      shared_.options.digester == nullptr) {
    return out;
  }
  // ADD's URLs are not in the context: then the digest stands for all.
  Expected<std::vector<planner::StepInput>> files =
      shared_.options.digester->Entries(step.copy.sources);
  if (!files.ok()) return out;
  std::erase_if(out, [](const planner::StepInput& in) { return in.name == "sources-digest"; });
  out.insert(out.end(), files->begin(), files->end());
  return out;
}

std::vector<std::string> StepExplainer::WhyMissed(const cache::StepLookup& found,
                                                  const planner::Step& step,
                                                  const std::string& slot,
                                                  int last_line) const {
  switch (found.state) {
    case cache::RecordState::kPresent:
      return {"the layers below it changed since it was cached"};
    case cache::RecordState::kBlobMissing: return {"its cached layer was pruned"};
    case cache::RecordState::kBlobDamaged:
      return {"its cached layer was damaged and is quarantined: " + found.detail};
    case cache::RecordState::kCorrupt: return {"its cache record is damaged: " + found.detail};
    case cache::RecordState::kAbsent: break;
  }
  auto last = shared_.last.find(slot);
  if (last == shared_.last.end()) return {"no earlier build of this step to compare with"};
  if (last->second == step.cache_key) return {"its cache record is gone"};
  auto before = cache::StepHistory(shared_.store).LoadInputs(last->second);
  Expected<std::vector<planner::StepInput>> now = Inputs(step);
  if (!before || !now.ok()) return {"the inputs of its last build were not recorded"};
  std::vector<std::string> lines =
      planner::DiffInputs(*before, planner::SealInputs(*now), ParentNote(step, last_line));
  if (lines.empty()) return {"the cache key recipe changed"};
  return lines;
}

std::string StepExplainer::ParentNote(const planner::Step& step, int last_line) const {
  if (last_line > 0) {
    return "the step below changed (" + step.file + ":" + std::to_string(last_line) + ")";
  }
  if (stage_.base_stage >= 0) return "the stage it is built on changed";
  if (stage_.base_image.empty()) return "the stage's base changed";
  return "the base image changed (" + stage_.base_image + " is now " +
         stage_.base_manifest.str() + ")";
}

}  // namespace mybuild::executor
