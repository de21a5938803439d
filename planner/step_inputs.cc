#include "planner/step_inputs.h"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>

#include "base/sha256.h"
#include "planner/json_bytes.h"

namespace mybuild::planner {
namespace {

bool IsFile(const std::string& name) { return name.rfind("file ", 0) == 0; }

bool IsDigest(const std::string& name) {
  return name == "parent" || IsFile(name) ||
         (name.size() > 7 && name.compare(name.size() - 7, 7, "-digest") == 0);
}

std::string Changed(const std::string& name, const std::string& before,
                    const std::string& now, const std::string& parent_note) {
  if (name == "parent") return "parent: " + parent_note;
  if (!IsFile(name)) return name + ": changed";
  std::string mode_before = before.substr(0, before.find(' '));
  std::string mode_now = now.substr(0, now.find(' '));
  if (mode_before != mode_now) {
    return name + ": mode " + mode_before + " -> " + mode_now;
  }
  return name + ": content changed";
}

void AddRun(const Step& s, const std::vector<std::string>& arg_names,
            std::vector<StepInput>& out) {
  out.push_back({"command", BytesJson(s.run.argv).dump()});
  for (const std::string& kv : s.run.env) {
    std::string name = kv.substr(0, kv.find('='));
    bool arg = std::find(arg_names.begin(), arg_names.end(), name) != arg_names.end();
    out.push_back({(arg ? "ARG " : "ENV ") + name, kv.substr(name.size() + 1)});
  }
  out.push_back({"user", s.run.user});
  out.push_back({"workdir", s.run.workdir});
  out.push_back({"network", s.run.network_none   ? "none"
                            : s.run.network_host ? "host"
                                                 : "default"});
  for (const auto& [name, ip] : s.run.extra_hosts) out.push_back({"add-host " + name, ip});
  for (size_t i = 0; i < s.run.mounts.size(); ++i) {
    const frontend::MountSpec& m = s.run.mounts[i].spec;
    out.push_back({"mount " + std::to_string(i + 1),
                   std::string(frontend::MountTypeName(m.type)) + " target=" + m.target +
                       " source=" + m.source + " from=" + m.from + " id=" + m.id +
                       (m.readonly ? " ro" : " rw")});
  }
  if (!s.run.mounts.empty()) out.push_back({"mounts-digest", s.inputs_digest});
  for (const InlineFile& f : s.run.files) out.push_back({"heredoc " + f.name, f.content});
}

void AddCopy(const Step& s, std::vector<StepInput>& out) {
  out.push_back({"sources", BytesJson(s.copy.sources).dump()});
  for (const InlineFile& f : s.copy.inline_sources) {
    out.push_back({"heredoc " + f.name, f.content});
  }
  out.push_back({"dest", s.copy.dest});
  out.push_back({"chown", s.copy.chown});
  out.push_back({"chmod", s.copy.chmod});
  out.push_back({"add", s.copy.is_add ? "true" : "false"});
  if (s.copy.from_stage >= 0) out.push_back({"from", "stage " + std::to_string(s.copy.from_stage)});
  if (s.copy.link) out.push_back({"link", "true"});
  if (s.copy.parents) out.push_back({"parents", "true"});
  if (!s.copy.excludes.empty()) out.push_back({"exclude", BytesJson(s.copy.excludes).dump()});
  if (!s.copy.checksum.empty()) out.push_back({"checksum", s.copy.checksum});
  if (s.copy.keep_git_dir) out.push_back({"keep-git-dir", "true"});
  if (s.copy.unpack) out.push_back({"unpack", *s.copy.unpack ? "true" : "false"});
  out.push_back({"sources-digest", s.inputs_digest});
}

}  // namespace

std::vector<StepInput> ExplainInputs(const Step& step,
                                     const std::string& parent_key,
                                     const std::vector<std::string>& arg_names) {
  std::vector<StepInput> out;
  if (step.kind == StepKind::kConfig) return out;
  out.push_back({"parent", parent_key});
  switch (step.kind) {
    case StepKind::kRun: AddRun(step, arg_names, out); break;
    case StepKind::kCopy: AddCopy(step, out); break;
    case StepKind::kWorkdir:
      out.push_back({"workdir", step.workdir});
      out.push_back({"user", step.workdir_user});
      break;
    case StepKind::kConfig: break;
  }
  for (StepInput& in : out) {  // they are kept as JSON strings
    in.name = ShownText(in.name);
    in.value = ShownText(in.value);
  }
  return out;
}

std::vector<StepInput> SealInputs(std::vector<StepInput> inputs) {
  for (StepInput& in : inputs) {
    if (!IsDigest(in.name)) in.value = "sha256:" + Sha256Hex(in.value);
  }
  return inputs;
}

std::vector<std::string> DiffInputs(const std::vector<StepInput>& before,
                                    const std::vector<StepInput>& now,
                                    const std::string& parent_note,
                                    size_t limit) {
  std::map<std::string, const std::string*> old;
  for (const StepInput& in : before) old[in.name] = &in.value;
  std::vector<std::string> lines;
  for (const StepInput& in : now) {
    auto it = old.find(in.name);
    if (it == old.end()) {
      lines.push_back(in.name + ": added");
      continue;
    }
    if (*it->second != in.value) {
      lines.push_back(Changed(in.name, *it->second, in.value, parent_note));
    }
    old.erase(it);
  }
  for (const StepInput& in : before) {
    if (!old.count(in.name)) continue;
    lines.push_back(in.name + ": removed");
  }
  if (lines.size() > limit) {
    size_t more = lines.size() - limit;
    lines.resize(limit);
    lines.push_back("... and " + std::to_string(more) + " more");
  }
  return lines;
}

}  // namespace mybuild::planner
