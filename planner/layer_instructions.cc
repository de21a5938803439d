// Instructions that make layers: RUN, COPY, WORKDIR.
#include <functional>

#include "base/sha256.h"
#include "planner/stage_graph.h"
#include "planner/stage_planner_impl.h"

namespace mybuild::planner {
namespace {

// RUN --mount with its words expanded and from= resolved to a stage. The
// digest of what bind mounts read (context contents, stages' keys) goes to
// `inputs`, for the step's key.
Expected<std::vector<RunMount>> PlanMounts(
    const std::vector<fe::MountSpec>& specs, const StageInputs& in,
    const std::function<Expected<std::string>(const std::string&)>& expand,
    std::string* inputs) {
  std::vector<RunMount> out;
  std::string reads;
  for (fe::MountSpec spec : specs) {
    for (std::string* word :
         {&spec.target, &spec.source, &spec.id, &spec.env}) {
      ASSIGN_OR_RETURN(*word, expand(*word));
    }
    RunMount m{spec, -1};
    if (!spec.from.empty()) {
      m.from_stage = in.dockerfile ? StageByRef(*in.dockerfile, spec.from) : -1;
      if (m.from_stage < 0) {
        return InvalidArgument(
            "RUN --mount from=" + spec.from +
            ": only a stage of this Dockerfile is supported yet");
      }
      if (spec.type != fe::MountType::kBind) {
        return InvalidArgument(std::string("RUN --mount=type=") +
                               fe::MountTypeName(spec.type) +
                               " with from= is not supported yet");
      }
      reads += "stage " + (*in.stage_keys)[m.from_stage] + "\n";
    } else if (spec.type == fe::MountType::kBind) {
      std::string source = spec.source.empty() ? "." : spec.source;
      Expected<std::string> digest = in.sources->Digest({source});
      if (!digest.ok()) return digest.status();
      reads += "context " + *digest + "\n";
    }
    if (spec.type == fe::MountType::kCache && !spec.source.empty()) {
      return InvalidArgument(
          "RUN --mount=type=cache with source= is not supported yet");
    }
    if (spec.target.empty() && spec.type != fe::MountType::kSecret &&
        spec.type != fe::MountType::kSsh) {
      return InvalidArgument("RUN --mount: target= is required");
    }
    out.push_back(std::move(m));
  }
  if (!reads.empty()) *inputs = Sha256Hex(reads);
  return out;
}

}  // namespace

Status Planner::Plan(const fe::RunInstruction& r) {
  if (r.network == fe::RunNetwork::kHost) {
    return Error("RUN --network=host is not supported yet");
  }
  std::vector<std::string> argv;
  if (r.json_form) {
    argv = r.args;
  } else if (!r.heredocs.empty()) {
    const std::string cmd = r.args.empty() ? "" : r.args[0];
    if (cmd.rfind("<<", 0) != 0 || r.heredocs.size() != 1 ||
        cmd.find_first_of(" \t|&;", 2) != std::string::npos) {
      return Error("RUN with a heredoc is supported only as the whole command");
    }
    argv = Shell();
    argv.push_back(r.heredocs[0].content);
  } else {
    argv = Shell();
    argv.push_back(r.args.empty() ? "" : r.args[0]);
  }
  Step& s = Emit(StepKind::kRun, r);
  s.run.argv = argv;
  s.run.env = scope_.RunEnv();
  s.run.user = config_.user;
  s.run.workdir = config_.working_dir.empty() ? "/" : config_.working_dir;
  s.run.network_none = r.network == fe::RunNetwork::kNone;
  std::string inputs;
  Expected<std::vector<RunMount>> mounts = PlanMounts(
      r.mounts, in_, [&](const std::string& w) { return scope_.Word(w); },
      &inputs);
  if (!mounts.ok()) return Error(mounts.status().message());
  s.run.mounts = std::move(*mounts);
  std::string shown;
  for (const std::string& a : argv) shown += (shown.empty() ? "" : " ") + a;
  s.created_by = "RUN " + shown;
  Key(s, inputs);
  return Status::Ok();
}

Status Planner::Plan(const fe::CopyInstruction& c) {
  const char* what = c.is_add ? "ADD" : "COPY";
  if (c.is_add) return Error("ADD is not supported yet; use COPY");
  if (!c.from.empty())
    return Error(std::string(what) + " --from is not supported yet");
  if (!c.heredocs.empty())
    return Error("COPY with a heredoc is not supported yet");
  if (c.link || c.parents || !c.excludes.empty()) {
    return Error("COPY --link, --parents and --exclude are not supported yet");
  }
  Step& s = Emit(StepKind::kCopy, c);
  for (const std::string& src : c.sources) {
    ASSIGN_OR_RETURN(std::string expanded, Expand(src));
    s.copy.sources.push_back(expanded);
  }
  ASSIGN_OR_RETURN(std::string dest, Expand(c.dest));
  s.copy.dest = JoinPath(config_.working_dir, dest);
  ASSIGN_OR_RETURN(s.copy.chown, Expand(c.chown));
  ASSIGN_OR_RETURN(s.copy.chmod, Expand(c.chmod));
  if (!s.copy.chmod.empty() &&
      s.copy.chmod.find_first_not_of("01234567") != std::string::npos) {
    return Error("symbolic --chmod is not supported yet: " + s.copy.chmod);
  }
  Expected<std::string> inputs = in_.sources->Digest(s.copy.sources);
  if (!inputs.ok()) return Error(inputs.status().message());
  Key(s, *inputs);
  return Status::Ok();
}

Status Planner::Plan(const fe::WorkdirInstruction& w) {
  ASSIGN_OR_RETURN(std::string path, Expand(w.path));
  config_.working_dir = JoinPath(config_.working_dir, path);
  Step& s = Emit(StepKind::kWorkdir, w);
  s.workdir = config_.working_dir;
  s.created_by = "WORKDIR " + config_.working_dir;
  Key(s);
  return Status::Ok();
}

}  // namespace mybuild::planner
