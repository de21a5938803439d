#include "planner/merge_platforms.h"

#include <algorithm>
#include <map>

#include <nlohmann/json.hpp>

namespace mybuild::planner {
namespace {

// What makes a stage's result, its stage indexes already remapped: two
// stages with the same identity make the same layers and image config.
std::string Identity(const StagePlan& s) {
  nlohmann::json steps = nlohmann::json::array();
  for (const Step& step : s.steps) {
    nlohmann::json mounts = nlohmann::json::array();
    for (const RunMount& m : step.run.mounts) mounts.push_back(m.from_stage);
    steps.push_back({static_cast<int>(step.kind), step.cache_key, step.text, step.created_by,
                     step.line, step.run.env, step.run.argv, step.copy.from_stage, mounts});
  }
  oci::ImageConfig final_config;
  final_config.config = s.final_config;
  final_config.author = s.final_author;
  nlohmann::json j = {{"name", s.name},
                      {"implicit", s.implicit},
                      {"platform", s.platform.str()},
                      {"base_image", s.base_image},
                      {"base_manifest", s.base_manifest.str()},
                      {"base_stage", s.base_stage},
                      {"deps", s.deps},
                      {"base_key", s.base_key},
                      {"base_config", s.base_config.ToJson()},
                      {"final", final_config.ToJson()},
                      {"steps", steps}};
  return j.dump();
}

}  // namespace

Expected<BuildGraph> MergePlatforms(const std::vector<BuildGraph>& plans) {
  if (plans.empty()) return InvalidArgument("no platform to build");
  BuildGraph out;
  out.proxy_env = plans.front().proxy_env;
  std::map<std::string, int> seen;  // identity -> index in out.stages
  for (const BuildGraph& plan : plans) {
    std::vector<int> to(plan.stages.size(), -1);
    auto map = [&to](int i) { return i < 0 ? i : to[i]; };
    for (int i : plan.order) {
      StagePlan s = plan.stages[i];
      if (s.source_index < 0) s.source_index = i;
      s.base_stage = map(s.base_stage);
      for (int& d : s.deps) d = map(d);
      std::sort(s.deps.begin(), s.deps.end());
      for (Step& step : s.steps) {
        step.copy.from_stage = map(step.copy.from_stage);
        for (RunMount& m : step.run.mounts) m.from_stage = map(m.from_stage);
      }
      std::string id = Identity(s);
      auto [it, added] = seen.emplace(id, static_cast<int>(out.stages.size()));
      if (added) {
        out.stages.push_back(std::move(s));
        out.order.push_back(it->second);
      }
      to[i] = it->second;
    }
    if (plan.target < 0 || to[plan.target] < 0) {
      return Internal("a platform's plan does not run its target stage");
    }
    out.targets.push_back(to[plan.target]);
  }
  out.target = out.targets.front();
  return out;
}

}  // namespace mybuild::planner
