// Instructions that make layers: RUN, COPY, WORKDIR.
#include "planner/stage_planner_impl.h"

namespace mybuild::planner {

Status Planner::Plan(const fe::RunInstruction& r) {
  if (!r.mounts.empty()) return Error("RUN --mount is not supported yet");
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
  std::string shown;
  for (const std::string& a : argv) shown += (shown.empty() ? "" : " ") + a;
  s.created_by = "RUN " + shown;
  Key(s);
  return Status::Ok();
}

Status Planner::Plan(const fe::CopyInstruction& c) {
  const char* what = c.is_add ? "ADD" : "COPY";
  if (c.is_add) return Error("ADD is not supported yet; use COPY");
  if (!c.from.empty()) return Error(std::string(what) + " --from is not supported yet");
  if (!c.heredocs.empty()) return Error("COPY with a heredoc is not supported yet");
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
