#include "executor/step_actions.h"


#include <sys/stat.h>

#include <optional>

#include "base/fd.h"
#include "base/sha256.h"
#include "base/temp_dir.h"
#include "executor/copy_applier.h"
#include "executor/copy_step.h"
#include "executor/disk_space.h"
#include "executor/layer_view.h"
#include "executor/run_mounts.h"
#include "executor/etc_files.h"
#include "executor/run_network.h"
#include "executor/sandbox.h"
#include "executor/user_lookup.h"
#include "planner/run_heredoc.h"

namespace mybuild::executor {
namespace {

Expected<ResolvedUser> Resolve(const std::string& user,
                               const LayerView& image) {
  ASSIGN_OR_RETURN(std::string passwd, image.ReadSmallFile("/etc/passwd"));
  ASSIGN_OR_RETURN(std::string group, image.ReadSmallFile("/etc/group"));
  return ResolveUser(user, passwd, group);
}

// The owner --chown or a WORKDIR under USER gives files (ResolveChown).
Expected<ResolvedUser> ResolveOwner(const std::string& chown,
                                    const LayerView& image) {
  if (chown.empty()) return ResolvedUser{};
  ASSIGN_OR_RETURN(std::string passwd, image.ReadSmallFile("/etc/passwd"));
  ASSIGN_OR_RETURN(std::string group, image.ReadSmallFile("/etc/group"));
  return ResolveChown(chown, passwd, group);
}

std::string Where(const planner::Step& step) {
  return step.file + ":" + std::to_string(step.line);
}

bool HasVar(const std::vector<std::string>& env, const std::string& name) {
  for (const std::string& kv : env) {
    if (kv.rfind(name + "=", 0) == 0) return true;
  }
  return false;
}

std::string Indent(const std::string& text) {
  std::string out;
  size_t start = 0;
  while (start < text.size()) {
    size_t nl = text.find('\n', start);
    if (nl == std::string::npos) nl = text.size();
    out += "\n  > " + text.substr(start, nl - start);
    start = nl + 1;
  }
  return out;
}

std::string Joined(const std::vector<std::string>& argv) {
  std::string out;
  for (const std::string& a : argv) out += (out.empty() ? "" : " ") + a;
  return out;
}

// The step's RUN --mount requests, then its heredoc files (RunStep::files):
// each its own read-only file, mode 0755, at /dev/pipes/<name>.
Expected<PreparedMounts> PrepareRunMounts(const planner::Step& step,
                                          const StepEnv& env,
                                          const std::string& scratch) {
  PreparedMounts out;
  if (!step.run.mounts.empty()) {
    MountInputs in;
    in.context_dir = env.options.context_dir;
    in.excluded = env.options.excluded;
    in.cache_root = env.store.root() + "/cache-mounts";
    in.secrets = env.options.secrets;
    in.ssh = env.options.ssh;
    in.stage_layers = env.stage_layers;
    ASSIGN_OR_RETURN(out, PrepareMounts(step.run.mounts, in, scratch + "/mounts"));
  }
  for (size_t i = 0; i < step.run.files.size(); ++i) {
    const std::string& name = step.run.files[i].name;
    if (!planner::IsHeredocFileName(name)) {
      return InvalidArgument("heredoc name \"" + name + "\" cannot name a file");
    }
    SandboxMount m;
    m.kind = SandboxMount::Kind::kFile;
    m.target = std::string(planner::kRunInlineDir) + "/" + step.run.files[i].name;
    m.content = step.run.files[i].content;
    m.mode = 0755;
    m.staging = scratch + "/pipe" + std::to_string(i);
    RETURN_IF_ERROR(MakeDirs(m.staging));
    out.mounts.push_back(std::move(m));
  }
  return out;
}

// The shared dir of generated /etc files for the spec's network and
// --add-host lines: steps whose files differ never share one.
std::string EtcDir(const std::string& tmp, const SandboxSpec& spec) {
  std::string dir = tmp + "/sandbox/etc-" +
                    (spec.network == NetworkMode::kNone   ? "none"
                     : spec.network == NetworkMode::kHost ? "host"
                                                          : "private");
  if (!spec.extra_hosts.empty()) dir += "-" + Sha256Hex(HostsFile(spec.extra_hosts)).substr(0, 16);
  return dir;
}

}  // namespace

Expected<std::string> RunCommand(const planner::Step& step,
                                 const StageState& state, const StepEnv& env,
                                 const StepLabel& label) {
  LayerView image(state.LowerDirs(env.store.SnapshotsDir()));
  Expected<ResolvedUser> user = Resolve(step.run.user, image);
  if (!user.ok()) return user.status().WithPrefix(Where(step));
  // The overlay's work dir is the step's own; the mount point and the /etc
  // files are shared by every step (each step creating and removing them
  // costs more than its command, on a busy disk).
  ASSIGN_OR_RETURN(TempDir work, TempDir::Create(env.store.TmpDir()));
  ASSIGN_OR_RETURN(std::string upper, env.snapshots.NewTempDir());
  SandboxSpec spec;
  spec.lower_dirs = image.layers();
  spec.upper_dir = upper;
  spec.work_dir = work.path();
  spec.mount_dir = env.store.TmpDir() + "/sandbox/root";
  spec.network = step.run.network_none   ? NetworkMode::kNone
                 : step.run.network_host ? NetworkMode::kHost
                                         : NetworkMode::kPrivate;
  spec.extra_hosts = step.run.extra_hosts;
  spec.etc_dir = EtcDir(env.store.TmpDir(), spec);
  spec.resources = env.options.resources;
  for (const Rlimit& l : env.options.ulimits) {
    std::erase_if(spec.rlimits, [&](const Rlimit& d) { return d.resource == l.resource; });
    spec.rlimits.push_back(l);
  }
  spec.argv = step.run.argv;
  spec.env = step.run.env;
  if (!HasVar(spec.env, "PATH"))
    spec.env.push_back(std::string("PATH=") + kDefaultPath);
  if (!HasVar(spec.env, "HOME")) spec.env.push_back("HOME=" + user->home);
  spec.cwd = step.run.workdir.empty() ? "/" : step.run.workdir;
  if (!image.Lstat(spec.cwd)) {
    RETURN_IF_ERROR(StageDirectory(spec.cwd, image, upper));
  }
  spec.uid = user->uid;
  spec.gid = user->gid;
  spec.supplementary_gids = user->supplementary_gids;
  // Held (cache leases, agent forwarders) until the command is done.
  std::optional<TempDir> scratch;
  if (!step.run.mounts.empty() || !step.run.files.empty()) {
    ASSIGN_OR_RETURN(scratch, TempDir::Create(env.store.TmpDir()));
  }
  Expected<PreparedMounts> mounts =
      PrepareRunMounts(step, env, scratch ? scratch->path() : "");
  if (!mounts.ok()) return mounts.status().WithPrefix(Where(step));
  spec.mounts = mounts->mounts;
  spec.env.insert(spec.env.end(), mounts->env.begin(), mounts->env.end());
  Expected<RunResult> result = RunInSandbox(
      spec, [&](std::string_view chunk) { env.progress.Output(label, chunk); },
      RunLimits{env.options.run_timeout});
  if (!result.ok()) return result.status().WithPrefix(Where(step));
  if (!result->success()) {
    std::string why =
        !result->ended_by.empty() ? result->ended_by
        : result->term_signal
            ? "killed by signal " + std::to_string(result->term_signal)
            : "exit code: " + std::to_string(result->exit_code);
    if (result->pids_limit_hit) {
      why += ": the step hit its pids limit (" + std::to_string(spec.resources.pids_limit) +
             " processes; --pids-limit raises it)";
    }
    if (result->memory_limit_hit) {
      why += ": the step hit its memory limit (" + std::to_string(spec.resources.memory) +
             " bytes; --memory raises it)";
    }
    std::string full = NoSpaceNote(upper, env.store.root());
    if (!full.empty()) why += ": " + full;
    return Status(ErrorCode::kBuildFailed,
                  Where(step) + ": process \"" + Joined(step.run.argv) +
                      "\" did not complete successfully: " + why +
                      Indent(result->tail));
  }
  return upper;
}

Expected<std::string> StageCopyStep(const planner::Step& step,
                                    const StageState& state,
                                    const StepEnv& env) {
  LayerView image(state.LowerDirs(env.store.SnapshotsDir()));
  CopyStepInputs in;
  in.context_dir = env.options.context_dir;
  in.excluded = env.options.excluded;
  if (step.copy.from_stage >= 0)
    in.from_layers = env.stage_layers(step.copy.from_stage);
  if (!step.copy.chown.empty()) {
    Expected<ResolvedUser> owner = ResolveOwner(step.copy.chown, image);
    if (!owner.ok()) return owner.status().WithPrefix(Where(step));
    in.uid = owner->uid;
    in.gid = owner->gid;
  }
  ASSIGN_OR_RETURN(TempDir scratch, TempDir::Create(env.store.TmpDir()));
  in.scratch = scratch.path();
  ASSIGN_OR_RETURN(std::string staging, env.snapshots.NewTempDir());
  Status st = ApplyCopyStep(step.copy, image, in, staging);
  if (!st.ok()) {
    (void)RemoveAll(staging);
    return st.WithPrefix(Where(step));
  }
  return staging;
}

Expected<std::string> StageWorkdirStep(const planner::Step& step,
                                       const StageState& state,
                                       const StepEnv& env) {
  LayerView image(state.LowerDirs(env.store.SnapshotsDir()));
  ASSIGN_OR_RETURN(std::string staging, env.snapshots.NewTempDir());
  std::optional<struct stat> st = image.Lstat(step.workdir);
  if (st && S_ISDIR(st->st_mode)) return staging;
  // As BuildKit does, the directories made are the USER's.
  Expected<ResolvedUser> user = ResolveOwner(step.workdir_user, image);
  Status made = user.ok() ? StageDirectory(step.workdir, image, staging, user->uid, user->gid)
                          : user.status().WithPrefix(Where(step));
  if (!made.ok()) {
    (void)RemoveAll(staging);
    return made;
  }
  return staging;
}

}  // namespace mybuild::executor
