#include "planner/cache_key.h"

#include <nlohmann/json.hpp>

#include "base/sha256.h"
#include "planner/json_bytes.h"

namespace mybuild::planner {
const char* StepKindName(StepKind k) {
  switch (k) {
    case StepKind::kRun:
      return "run";
    case StepKind::kCopy:
      return "copy";
    case StepKind::kWorkdir:
      return "workdir";
    case StepKind::kConfig:
      return "config";
  }
  return "?";
}

static nlohmann::json MountsRecipe(const std::vector<RunMount>& mounts) {
  nlohmann::json out = nlohmann::json::array();
  for (const RunMount& m : mounts) {
    const frontend::MountSpec& s = m.spec;
    nlohmann::json j = {{"type", frontend::MountTypeName(s.type)},
                        {"target", BytesJson(s.target)},
                        {"source", BytesJson(s.source)},
                        {"from_stage", m.from_stage},
                        {"id", BytesJson(s.id)},
                        {"env", BytesJson(s.env)},
                        {"readonly", s.readonly},
                        {"required", s.required},
                        {"sharing", static_cast<int>(s.sharing)}};
    if (s.mode) j["mode"] = *s.mode;
    if (s.uid) j["uid"] = *s.uid;
    if (s.gid) j["gid"] = *s.gid;
    if (s.size) j["size"] = *s.size;
    out.push_back(j);
  }
  return out;
}

// [[name, content], ...] of a step's heredoc files.
static nlohmann::json InlineRecipe(const std::vector<InlineFile>& files) {
  nlohmann::json out = nlohmann::json::array();
  for (const InlineFile& f : files) out.push_back({BytesJson(f.name), BytesJson(f.content)});
  return out;
}

std::string BaseKey(const StagePlan& stage, const std::string& base_stage_key,
                    std::optional<int64_t> source_date_epoch,
                    const std::string& platform) {
  nlohmann::json j = {{"v", kCacheKeyVersion}};
  if (stage.base_stage >= 0) {
    j["stage"] = base_stage_key;
  } else if (stage.base_image.empty()) {
    j["scratch"] = true;
  } else {
    j["image"] = stage.base_manifest.str();
  }
  // Only when set, so keys of builds without it stay as they were.
  if (source_date_epoch) j["source_date_epoch"] = *source_date_epoch;
  if (!platform.empty()) j["platform"] = platform;
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
      j["argv"] = BytesJson(step.run.argv);
      j["env"] = BytesJson(step.run.env);
      j["user"] = BytesJson(step.run.user);
      j["workdir"] = BytesJson(step.run.workdir);
      j["network_none"] = step.run.network_none;
      // Only when set, so keys of steps without stay as they were.
      if (step.run.network_host) j["network_host"] = true;
      if (!step.run.extra_hosts.empty()) {
        std::vector<std::string> hosts;
        for (const auto& [name, ip] : step.run.extra_hosts) hosts.push_back(name + ":" + ip);
        j["extra_hosts"] = BytesJson(hosts);
      }
      // Only when there are mounts, so keys of steps without stay as they
      // were. Secrets and SSH agents are named, never their contents; a
      // bind's contents are in `inputs`.
      if (!step.run.mounts.empty()) {
        j["mounts"] = MountsRecipe(step.run.mounts);
        j["inputs"] = inputs;
      }
      if (!step.run.files.empty()) j["files"] = InlineRecipe(step.run.files);
      break;
    case StepKind::kCopy:
      j["sources"] = BytesJson(step.copy.sources);
      j["dest"] = BytesJson(step.copy.dest);
      j["chown"] = BytesJson(step.copy.chown);
      j["chmod"] = BytesJson(step.copy.chmod);
      j["add"] = step.copy.is_add;
      j["inputs"] = inputs;
      // Only when used, so keys of plain COPY steps stay as they were.
      if (!step.copy.inline_sources.empty()) {
        j["inline"] = InlineRecipe(step.copy.inline_sources);
      }
      if (step.copy.link) j["link"] = true;
      if (step.copy.parents) j["parents"] = true;
      if (!step.copy.excludes.empty()) j["excludes"] = BytesJson(step.copy.excludes);
      if (!step.copy.checksum.empty()) j["checksum"] = BytesJson(step.copy.checksum);
      if (step.copy.keep_git_dir) j["keep_git_dir"] = true;
      if (step.copy.unpack) j["unpack"] = *step.copy.unpack;
      break;
    case StepKind::kWorkdir:
      j["workdir"] = BytesJson(step.workdir);
      // Only after a USER, so keys of WORKDIR as root stay as they were.
      if (!step.workdir_user.empty()) j["user"] = BytesJson(step.workdir_user);
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
