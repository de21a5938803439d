#include "planner/cache_key.h"

#include <nlohmann/json.hpp>

#include "base/sha256.h"

namespace mybuild::planner {
const char* StepKindName(StepKind k) {
  switch (k) {
    case StepKind::kRun: return "run";
    case StepKind::kCopy: return "copy";
    case StepKind::kWorkdir: return "workdir";
    case StepKind::kConfig: return "config";
  }
  return "?";
}

std::string BaseKey(const StagePlan& stage, const std::string& base_stage_key) {
  nlohmann::json j = {{"v", kCacheKeyVersion}};
  if (stage.base_stage >= 0) {
    j["stage"] = base_stage_key;
  } else if (stage.base_image.empty()) {
    j["scratch"] = true;
  } else {
    j["image"] = stage.base_manifest.str();
  }
  return Sha256Hex(j.dump());
}

std::string StepRecipe(const Step& step, const std::string& parent_key,
                       const std::string& inputs) {
  // Not in the recipe: file, line, text and created_by (where the step is
  // written does not change what it makes).
  nlohmann::json j = {{"v", kCacheKeyVersion},
                      {"parent", parent_key},
                      {"kind", StepKindName(step.kind)}};
  switch (step.kind) {
    case StepKind::kRun:
      j["argv"] = step.run.argv;
      j["env"] = step.run.env;
      j["user"] = step.run.user;
      j["workdir"] = step.run.workdir;
      j["network_none"] = step.run.network_none;
      break;
    case StepKind::kCopy:
      j["sources"] = step.copy.sources;
      j["dest"] = step.copy.dest;
      j["chown"] = step.copy.chown;
      j["chmod"] = step.copy.chmod;
      j["add"] = step.copy.is_add;
      j["inputs"] = inputs;
      break;
    case StepKind::kWorkdir:
      j["workdir"] = step.workdir;
      break;
    case StepKind::kConfig:
      break;
  }
  return j.dump();
}

std::string StepKey(const Step& step, const std::string& parent_key,
                    const std::string& inputs) {
  return Sha256Hex(StepRecipe(step, parent_key, inputs));
}

}  // namespace mybuild::planner
