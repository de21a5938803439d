// Instructions that make layers: RUN, COPY, WORKDIR.
#include <functional>

#include "base/sha256.h"
#include "planner/history_text.h"
#include "planner/run_heredoc.h"
#include "planner/stage_graph.h"
#include "planner/stage_planner_impl.h"

namespace mybuild::planner {
namespace {

// The stage a COPY --from or RUN --mount from= value reads: a stage of the
// Dockerfile `name` names, else the implicit stage planned for the image it
// names; -1 when there is neither.
int FromStage(const StageInputs& in, const std::string& name) {
  int s = in.stage_names ? in.stage_names->ByRef(name) : -1;
  if (s >= 0 || !in.image_stages) return s;
  auto it = in.image_stages->find(name);
  return it == in.image_stages->end() ? -1 : it->second;
}

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
      m.from_stage = FromStage(in, spec.from);
      if (m.from_stage < 0) {
        return InvalidArgument("RUN --mount from=" + spec.from +
                               ": names no stage and no planned image");
      }
      if (spec.type != fe::MountType::kBind) {
        return InvalidArgument(std::string("RUN --mount=type=") +
                               fe::MountTypeName(spec.type) +
                               " with from= is not supported yet");
      }
      reads += "stage " + (*in.stage_keys)[m.from_stage] + "\n";
    } else if (spec.type == fe::MountType::kBind) {
      std::string source = spec.source.empty() ? "." : spec.source;
      // One path, no wildcards: BuildKit matches none in mount sources.
      Expected<std::string> digest = in.sources->DigestPath(source);
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

// ADD's remote sources: http(s) URLs and git repositories.
bool IsRemoteSource(const std::string& src) {
  for (const char* prefix :
       {"http://", "https://", "git://", "ssh://", "git@"}) {
    if (src.rfind(prefix, 0) == 0) return true;
  }
  return false;
}

// BuildKit's history of COPY/ADD: its --parents, --chown and --chmod (not
// --from, --link or the others), the sources, heredoc names and the
// destination as written, expanded.
std::string CopyHistory(const fe::CopyInstruction& c, const CopyStep& copy,
                        const std::string& dest) {
  std::string text = c.is_add ? "ADD" : "COPY";
  if (c.parents && !c.is_add) text += " --parents";
  if (!copy.chown.empty()) text += " --chown=" + copy.chown;
  if (!copy.chmod.empty()) text += " --chmod=" + copy.chmod;
  for (const std::string& src : copy.sources) text += " " + src;
  for (const InlineFile& doc : copy.inline_sources) text += " <<" + doc.name;
  return text + " " + dest + kLayerHistorySuffix;
}

}  // namespace

Status Planner::Plan(const fe::RunInstruction& r) {
  std::vector<std::string> argv;
  std::vector<InlineFile> files;
  if (r.json_form) {
    argv = r.args;
  } else if (!r.heredocs.empty()) {
    Expected<RunCommand> cmd = RunHeredocCommand(
        r.args.empty() ? "" : r.args[0], r.heredocs, Shell());
    if (!cmd.ok()) return Error(cmd.status().message());
    argv = std::move(cmd->argv);
    files = std::move(cmd->files);
  } else {
    argv = Shell();
    argv.push_back(r.args.empty() ? "" : r.args[0]);
  }
  Step& s = Emit(StepKind::kRun, r, "");
  s.run.argv = argv;
  s.run.files = std::move(files);
  s.run.env = scope_.RunEnv();
  s.run.user = config_.user;
  s.run.workdir = config_.working_dir.empty() ? "/" : config_.working_dir;
  // RUN --network=default, like no --network, takes the build's; host
  // only when granted (BuildKit's network.host entitlement).
  const fe::RunNetwork network =
      r.network == fe::RunNetwork::kDefault ? in_.network : r.network;
  if (network == fe::RunNetwork::kHost && !in_.allow_network_host) {
    return Error(std::string(kNetworkHostNotAllowed) +
                 ": RUN --network=host needs --allow network.host");
  }
  s.run.network_none = network == fe::RunNetwork::kNone;
  s.run.network_host = network == fe::RunNetwork::kHost;
  if (in_.add_hosts) s.run.extra_hosts = *in_.add_hosts;
  std::string inputs;
  Expected<std::vector<RunMount>> mounts = PlanMounts(
      r.mounts, in_, [&](const std::string& w) { return scope_.Word(w); },
      &inputs);
  if (!mounts.ok()) return Error(mounts.status().message());
  s.run.mounts = std::move(*mounts);
  s.created_by = RunHistory(argv, BuildArgValues()) + kLayerHistorySuffix;
  Key(s, inputs);
  return Status::Ok();
}

Status Planner::Plan(const fe::CopyInstruction& c) {
  const std::string what = c.is_add ? "ADD" : "COPY";
  Step& s = Emit(StepKind::kCopy, c, "");
  CopyStep& copy = s.copy;
  copy.is_add = c.is_add;
  std::vector<std::string> local;
  for (const std::string& src : c.sources) {
    ASSIGN_OR_RETURN(std::string expanded, Expand(src));
    if (IsRemoteSource(expanded) && !c.is_add) {
      return Error("source can't be a URL for COPY");
    }
    if (!IsRemoteSource(expanded) || !c.is_add) local.push_back(expanded);
    copy.sources.push_back(expanded);
  }
  for (const fe::Heredoc& doc : c.heredocs) {
    if (!IsHeredocFileName(doc.name)) {
      return Error("heredoc name \"" + doc.name + "\" cannot name a file");
    }
    InlineFile file{doc.name, doc.content};
    if (doc.expand) {
      Expected<std::string> body = scope_.HeredocBody(doc.content);
      if (!body.ok()) return Error(body.status().message());
      file.content = std::move(*body);
    }
    copy.inline_sources.push_back(std::move(file));
  }
  ASSIGN_OR_RETURN(std::string dest, Expand(c.dest));
  copy.dest = JoinPath(config_.working_dir, dest);
  ASSIGN_OR_RETURN(copy.chown, Expand(c.chown));
  ASSIGN_OR_RETURN(copy.chmod, Expand(c.chmod));
  s.created_by = CopyHistory(c, copy, dest);
  copy.link = c.link;
  copy.parents = c.parents;
  for (const std::string& e : c.excludes) {
    ASSIGN_OR_RETURN(std::string pattern, Expand(e));
    copy.excludes.push_back(pattern);
  }
  ASSIGN_OR_RETURN(copy.checksum, Expand(c.checksum));
  copy.keep_git_dir = c.keep_git_dir;
  copy.unpack = c.unpack;
  std::string inputs;
  if (!c.from.empty()) {
    // As written: PlanBuild refused a --from that expansion would change.
    copy.from_stage = FromStage(in_, c.from);
    if (copy.from_stage < 0) {
      return Error(what + " --from=" + c.from +
                   ": names no stage and no planned image");
    }
    // What the stage holds is fixed by its last key (an image's: its
    // manifest digest).
    inputs = Sha256Hex("stage " + (*in_.stage_keys)[copy.from_stage]);
  } else if (!local.empty()) {
    Expected<std::string> digest = in_.sources->Digest(local);
    if (!digest.ok()) return Error(digest.status().message());
    inputs = *digest;
  }
  Key(s, inputs);
  return Status::Ok();
}

Status Planner::Plan(const fe::WorkdirInstruction& w) {
  ASSIGN_OR_RETURN(std::string path, Expand(w.path));
  config_.working_dir = JoinPath(config_.working_dir, path);
  // BuildKit makes the directory, a layer even when it exists, unless it
  // is the root.
  if (config_.working_dir == "/") {
    Emit(StepKind::kConfig, w, "WORKDIR /");
    return Status::Ok();
  }
  Step& s = Emit(StepKind::kWorkdir, w, "WORKDIR " + config_.working_dir);
  s.workdir = config_.working_dir;
  s.workdir_user = config_.user;
  Key(s);
  return Status::Ok();
}

}  // namespace mybuild::planner
