#include "planner/plan_build.h"

#include <algorithm>
#include <set>

#include "base/spellcheck.h"
#include "frontend/shell/lexer.h"
#include "planner/cache_key.h"
#include "planner/stage_planner.h"

namespace mybuild::planner {
namespace {

using ArgMap = std::map<std::string, std::string>;

std::string Where(const BuildRequest& r, int line) {
  return r.filename + ":" + std::to_string(line) + ": ";
}

// Values of the ARGs before the first FROM, plus the predefined platform
// args BuildKit provides everywhere.
Expected<std::map<std::string, std::string>> GlobalArgs(
    const frontend::Dockerfile& df, const BuildRequest& r) {
  std::string platform = r.os + "/" + r.architecture;
  std::map<std::string, std::string> args = {
      {"TARGETPLATFORM", platform}, {"TARGETOS", r.os},
      {"TARGETARCH", r.architecture}, {"TARGETVARIANT", ""},
      {"BUILDPLATFORM", platform}, {"BUILDOS", r.os},
      {"BUILDARCH", r.architecture}, {"BUILDVARIANT", ""}};
  frontend::shell::Lexer lexer(df.directives.escape);
  for (const frontend::ArgInstruction& a : df.global_args) {
    for (const frontend::ArgDecl& d : a.args) {
      auto given = r.build_args.find(d.name);
      if (given != r.build_args.end()) {
        args[d.name] = given->second;
      } else if (d.default_value) {
        std::vector<std::string> env;
        for (const auto& [k, v] : args) env.push_back(k + "=" + v);
        Expected<std::string> v = lexer.ProcessWord(
            *d.default_value, frontend::shell::Env::FromList(env));
        if (!v.ok()) return InvalidArgument(Where(r, a.range.start_line) + v.status().message());
        args[d.name] = *v;
      }
    }
  }
  return args;
}

Expected<int> TargetStage(const frontend::Dockerfile& df, const BuildRequest& r) {
  if (r.target.empty()) return static_cast<int>(df.stages.size()) - 1;
  std::vector<std::string> names;
  for (size_t i = 0; i < df.stages.size(); ++i) {
    if (df.stages[i].name == r.target) return static_cast<int>(i);
    if (!df.stages[i].name.empty()) names.push_back(df.stages[i].name);
  }
  std::string guess = SpellCheck(r.target, names);
  return InvalidArgument("target stage \"" + r.target + "\" could not be found" +
                         (guess.empty() ? "" : " (did you mean " + guess + "?)"));
}

// Like BuildKit, an image whose config sets no PATH gets the default one,
// so RUN and the final container find their commands.
void AddDefaultPath(oci::ContainerConfig& config) {
  for (const std::string& kv : config.env) {
    if (kv.rfind("PATH=", 0) == 0) return;
  }
  config.env.insert(config.env.begin(),
                    "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
}

int StageByName(const frontend::Dockerfile& df, const std::string& name,
                int before) {
  for (int i = 0; i < before; ++i) {
    if (!df.stages[i].name.empty() && df.stages[i].name == name) return i;
  }
  return -1;
}

}  // namespace

Expected<BuildGraph> PlanBuild(const frontend::Dockerfile& df,
                               const BuildRequest& r,
                               ImageConfigResolver& images,
                               SourceDigester& sources) {
  ASSIGN_OR_RETURN(ArgMap globals, GlobalArgs(df, r));
  BuildGraph g;
  ASSIGN_OR_RETURN(g.target, TargetStage(df, r));
  frontend::shell::Lexer lexer(df.directives.escape);
  std::vector<std::string> global_env;
  for (const auto& [k, v] : globals) global_env.push_back(k + "=" + v);

  g.stages.resize(df.stages.size());
  for (size_t i = 0; i < df.stages.size(); ++i) {
    const frontend::Stage& stage = df.stages[i];
    StagePlan& plan = g.stages[i];
    plan.name = stage.name;
    Expected<std::string> base = lexer.ProcessWord(
        stage.base, frontend::shell::Env::FromList(global_env));
    if (!base.ok()) return InvalidArgument(Where(r, stage.range.start_line) + base.status().message());
    std::string lowered = *base;
    std::transform(lowered.begin(), lowered.end(), lowered.begin(), ::tolower);
    plan.base_stage = StageByName(df, lowered, static_cast<int>(i));
    if (plan.base_stage < 0 && lowered != "scratch") plan.base_image = *base;
  }
  // The target and, transitively, the stages it is built FROM.
  std::set<int> needed;
  for (int s = g.target; s >= 0; s = g.stages[s].base_stage) needed.insert(s);
  g.order.assign(needed.begin(), needed.end());

  std::vector<std::string> last_key(df.stages.size());
  for (int i : g.order) {
    StagePlan& plan = g.stages[i];
    const frontend::Stage& stage = df.stages[i];
    if (!plan.base_image.empty()) {
      Expected<ResolvedImage> img = images.Resolve(plan.base_image);
      if (!img.ok()) return Status(img.status().code(), Where(r, stage.range.start_line) + img.status().message());
      plan.base_image = img->ref;
      plan.base_manifest = img->manifest;
      plan.base_config = img->config;
      AddDefaultPath(plan.base_config.config);
    } else if (plan.base_stage >= 0) {
      const StagePlan& from = g.stages[plan.base_stage];
      plan.base_config.config = from.final_config;
    } else {
      AddDefaultPath(plan.base_config.config);
    }
    std::string base_key =
        BaseKey(plan, plan.base_stage >= 0 ? last_key[plan.base_stage] : "");
    StageInputs in{r.filename, df.directives.escape, &r.build_args, &globals,
                   &sources};
    ASSIGN_OR_RETURN(last_key[i], PlanStage(stage, in, plan, base_key));
  }
  return g;
}

}  // namespace mybuild::planner
