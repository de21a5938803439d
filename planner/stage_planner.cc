#include "planner/stage_planner.h"

#include <filesystem>
#include <variant>

#include "planner/stage_planner_impl.h"

namespace mybuild::planner {

std::string JoinPath(const std::string& base, const std::string& path) {
  if (!path.empty() && path[0] == '/') return path;
  std::string joined = (base.empty() ? "/" : base) + "/" + path;
  std::string clean = std::filesystem::path(joined).lexically_normal().string();
  if (clean.size() > 1 && clean.back() == '/' && path.back() != '/') clean.pop_back();
  return clean;
}

Expected<std::string> PlanStage(const frontend::Stage& stage,
                                const std::vector<frontend::Instruction>& triggers,
                                const StageInputs& in, StagePlan& plan) {
  return Planner(in, plan, plan.base_key).Run(stage, triggers);
}

}  // namespace mybuild::planner
