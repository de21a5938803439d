// The cgroup a RUN step runs in, one per step: its pids limit (a fork bomb
// stops there), memory and CPU limits. cgroup v2 where /sys/fs/cgroup is
// one; otherwise the v1 controllers pids, memory and cpu of a hybrid
// machine. Each step's directory is <controller>/<the builder's
// cgroup>/mybuild/<builder pid>-<n>, removed after the step; directories a
// killed builder left behind are removed when the next builder makes its
// first.
//
// Where no cgroup may be made (not delegated to this user: a rootless build
// on a cgroup v1 host, or a v2 subtree that is not ours), the pids limit is
// RLIMIT_NPROC in the step's processes instead (NprocBound), which needs no
// privilege: the kernel counts the tasks of the step's uid in the build's
// user namespace, so when the step runs as the image's root (the builder's
// own uid there) the builder's threads are added to the limit. Other steps
// of that uid running at the same time share it. --memory and --cpus still
// need a cgroup.
#pragma once

#include <sys/types.h>

#include <string>
#include <string_view>
#include <vector>

#include "base/fd.h"
#include "base/status.h"
#include "executor/sandbox_spec.h"

namespace mybuild::executor {

class StepCgroup {
 public:
  // Makes the step's cgroup with `r`'s limits under `root` (the cgroup
  // filesystem's mount point, "/sys/fs/cgroup"). When there is no cgroup
  // filesystem to use, a cgroup without directories that limits nothing:
  // Enabled() says whether there is one.
  static Expected<StepCgroup> Create(const StepResources& r,
                                     const std::string& root = "/sys/fs/cgroup");

  StepCgroup() = default;
  StepCgroup(StepCgroup&&) noexcept = default;
  StepCgroup& operator=(StepCgroup&& o) noexcept;
  StepCgroup(const StepCgroup&) = delete;
  StepCgroup& operator=(const StepCgroup&) = delete;
  ~StepCgroup() { (void)Remove(); }

  bool Enabled() const { return !dirs_.empty(); }
  // Without a cgroup, the RLIMIT_NPROC that bounds the step's processes
  // instead (its pids limit), or 0 when nothing bounds them.
  int64_t NprocBound() const { return nproc_bound_; }
  // Open cgroup.procs (v2) or tasks (v1) of each directory: the process
  // between the builder and the sandbox, single-threaded, writes "0" to
  // each, joining before it forks.
  const std::vector<UniqueFd>& procs() const { return procs_; }
  // Its directories (one for v2, one per controller for v1).
  const std::vector<std::string>& dirs() const { return dirs_; }
  // Whether a fork failed at the pids limit / the kernel OOM-killed in it.
  // With a cgroup from its counters; with NprocBound, which the kernel
  // counts nowhere we can read, when the failed step's last output
  // `tail` reports EAGAIN ("Resource temporarily unavailable"), what a
  // fork, clone or exec at RLIMIT_NPROC fails with.
  bool PidsLimitHit(std::string_view tail = {}) const;
  bool MemoryLimitHit() const;
  // Kills what is still in it and removes the directories.
  Status Remove();

 private:
  // No directories; NprocBound as `r` says, where RLIMIT_NPROC binds.
  static StepCgroup WithoutCgroup(const StepResources& r);

  std::vector<std::string> dirs_;
  std::vector<UniqueFd> procs_;
  std::string pids_dir_, memory_dir_;
  bool v2_ = false;
  int64_t nproc_bound_ = 0;
};

// Lowers (or adds) RLIMIT_NPROC in `rlimits` to `bound` plus this process's
// threads when the step runs as this process's uid (`step_uid`), as
// NprocBound says.
void AddNprocBound(std::vector<Rlimit>& rlimits, int64_t bound, uint32_t step_uid);

// Removes the step cgroups of builders that are no longer running (and
// kills what is left in them) under `root`. Create does it once a process.
void RemoveStaleStepCgroups(const std::string& root = "/sys/fs/cgroup");

// Writes "0" to each of `procs`: the caller joins the cgroup. For the
// sandbox's intermediate process (after fork: no allocation).
Status JoinCgroup(const std::vector<int>& procs);

}  // namespace mybuild::executor
