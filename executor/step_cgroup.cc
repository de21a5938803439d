#include "executor/step_cgroup.h"

#include <dirent.h>
#include <linux/magic.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/resource.h>
#include <sys/statfs.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <chrono>
#include <mutex>
#include <iostream>
#include <sstream>
#include <thread>

#include "oci/overlay_xattrs.h"

namespace mybuild::executor {
namespace {

std::atomic<int> g_seq{0};
std::once_flag g_cleaned;

// This process's cgroup path in the hierarchy that has `controller` ("" for
// v2's), from /proc/self/cgroup.
std::string OwnPath(const std::string& controller) {
  Expected<std::string> text = ReadFile("/proc/self/cgroup");
  if (!text.ok()) return "/";
  std::istringstream in(*text);
  std::string line;
  while (std::getline(in, line)) {
    size_t a = line.find(':'), b = line.find(':', a + 1);
    if (a == std::string::npos || b == std::string::npos) continue;
    std::string list = line.substr(a + 1, b - a - 1);
    std::string path = line.substr(b + 1);
    if (controller.empty() ? list.empty() : ("," + list + ",").find("," + controller + ",") !=
                                                std::string::npos) {
      return path;
    }
  }
  return "/";
}

Status WriteValue(const std::string& path, const std::string& value) {
  ASSIGN_OR_RETURN(UniqueFd fd, OpenFile(path, O_WRONLY));
  if (::write(fd.get(), value.data(), value.size()) < 0) return SysError("write", path, errno);
  return Status::Ok();
}

// "key N" lines: N for `key`, or 0.
long long Counter(const std::string& path, const std::string& key) {
  Expected<std::string> text = ReadFile(path);
  if (!text.ok()) return 0;
  std::istringstream in(*text);
  std::string k;
  long long v;
  while (in >> k >> v) {
    if (k == key) return v;
  }
  return 0;
}

// Kills every process in `dir` until it is empty, then removes it.
Status KillAndRemove(const std::string& dir) {
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  for (;;) {
    if (::rmdir(dir.c_str()) == 0 || errno == ENOENT) return Status::Ok();
    if (errno != EBUSY || std::chrono::steady_clock::now() > deadline) {
      return SysError("rmdir", dir, errno);
    }
    Expected<std::string> procs = ReadFile(dir + "/cgroup.procs");
    if (procs.ok()) {
      std::istringstream in(*procs);
      pid_t pid;
      while (in >> pid) ::kill(pid, SIGKILL);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
}

// Removes the step cgroups of builders that are gone ("<pid>-<n>" whose
// pid no longer runs) under `parent`.
void RemoveStale(const std::string& parent) {
  DIR* d = ::opendir(parent.c_str());
  if (!d) return;
  std::vector<std::string> stale;
  while (dirent* e = ::readdir(d)) {
    std::string name = e->d_name;
    size_t dash = name.find('-');
    if (dash == std::string::npos || dash == 0) continue;
    pid_t pid = static_cast<pid_t>(std::atoll(name.substr(0, dash).c_str()));
    if (pid > 0 && ::kill(pid, 0) != 0 && errno == ESRCH) stale.push_back(parent + "/" + name);
  }
  ::closedir(d);
  for (const std::string& dir : stale) (void)KillAndRemove(dir);
}

bool IsFs(const std::string& path, long magic) {
  struct statfs s;
  return ::statfs(path.c_str(), &s) == 0 && static_cast<long>(s.f_type) == magic;
}

// A cgroup directory we may not make: the hierarchy is not ours.
bool NotDelegated(int mkdir_errno) {
  return mkdir_errno == EACCES || mkdir_errno == EPERM || mkdir_errno == EROFS;
}

// Whether RLIMIT_NPROC bounds a step: the kernel ignores it for the
// initial namespace's root (a root builder's steps as uid 0).
bool NprocBinds() { return ::geteuid() != 0 || oci::OverlayUsesUserXattrs(); }

// One line a build, not one a step.
void WarnOnce(const Status& st, bool nproc) {
  static std::once_flag warned;
  std::call_once(warned, [&] {
    std::cerr << "mybuild: warning: RUN steps run without a cgroup (" << st.message()
              << "; cgroups are not delegated to this user), so "
              << (nproc ? "their pids limit is an RLIMIT_NPROC and --memory and --cpus "
                          "are not available"
                        : "without the default pids limit")
              << "\n";
  });
}

std::string Trimmed(std::string p) {
  while (p.size() > 1 && p.back() == '/') p.pop_back();
  return p == "/" ? "" : p;
}

}  // namespace

StepCgroup& StepCgroup::operator=(StepCgroup&& o) noexcept {
  if (this != &o) {
    (void)Remove();
    dirs_ = std::move(o.dirs_);
    procs_ = std::move(o.procs_);
    pids_dir_ = std::move(o.pids_dir_);
    memory_dir_ = std::move(o.memory_dir_);
    v2_ = o.v2_;
    nproc_bound_ = o.nproc_bound_;
    o.dirs_.clear();
  }
  return *this;
}

Expected<StepCgroup> StepCgroup::Create(const StepResources& r, const std::string& root) {
  const bool v2 = IsFs(root, CGROUP2_SUPER_MAGIC);
  const bool v1 = !v2 && IsFs(root + "/pids", CGROUP_SUPER_MAGIC);
  // Limits an RLIMIT_NPROC cannot stand in for.
  const bool needs_cgroup = r.memory > 0 || r.cpu_quota > 0 ||
                            (r.pids_limit != kDefaultPidsLimit && !NprocBinds());
  if (!v1 && !v2) {
    if (needs_cgroup) {
      return Status(ErrorCode::kIo, "no cgroup filesystem at " + root +
                                        ": --memory, --pids-limit and --cpu-quota need one");
    }
    return WithoutCgroup(r);
  }
  StepCgroup cg;
  cg.v2_ = v2;
  const std::string name = std::to_string(::getpid()) + "-" + std::to_string(g_seq++);
  // (controller, whether this step needs it)
  std::vector<std::pair<std::string, bool>> controllers =
      v2 ? std::vector<std::pair<std::string, bool>>{{"", true}}
         : std::vector<std::pair<std::string, bool>>{
               {"pids", true}, {"memory", r.memory > 0}, {"cpu", r.cpu_quota > 0}};
  std::vector<std::string> parents;
  for (const auto& [ctrl, needed] : controllers) {
    if (!needed) continue;
    std::string base = v2 ? root : root + "/" + ctrl;
    parents.push_back(base + Trimmed(OwnPath(ctrl)) + "/mybuild");
  }
  std::call_once(g_cleaned, [&] { RemoveStaleStepCgroups(root); });
  Status st;
  int mkdir_errno = 0;
  for (const std::string& parent : parents) {
    if (::mkdir(parent.c_str(), 0755) != 0 && errno != EEXIST) {
      mkdir_errno = errno;
      st = SysError("mkdir", parent, errno);
      break;
    }
    if (v2) {
      // The controllers must be on in each parent's subtree_control.
      std::string want = "+pids";
      if (r.memory > 0) want += " +memory";
      if (r.cpu_quota > 0) want += " +cpu";
      std::string own = parent.substr(0, parent.rfind('/'));
      st = WriteValue(own + "/cgroup.subtree_control", want);
      if (st.ok()) st = WriteValue(parent + "/cgroup.subtree_control", want);
      if (!st.ok()) break;
    }
    std::string dir = parent + "/" + name;
    if (::mkdir(dir.c_str(), 0755) != 0) {
      mkdir_errno = errno;
      st = SysError("mkdir", dir, errno);
      break;
    }
    cg.dirs_.push_back(dir);
  }
  if (!st.ok()) {
    (void)cg.Remove();
    if (!needs_cgroup && (v2 || NotDelegated(mkdir_errno))) {
      // Not delegated to us (v1 rarely is to a rootless builder).
      WarnOnce(st, NprocBinds());
      return WithoutCgroup(r);
    }
    return st.WithPrefix("step cgroup");
  }
  size_t i = 0;
  auto next = [&] { return cg.dirs_[i++]; };
  if (v2) {
    std::string dir = next();
    cg.pids_dir_ = cg.memory_dir_ = dir;
    st = WriteValue(dir + "/pids.max", r.pids_limit > 0 ? std::to_string(r.pids_limit) : "max");
    if (st.ok() && r.memory > 0) {
      st = WriteValue(dir + "/memory.max", std::to_string(r.memory));
      if (st.ok()) st = WriteValue(dir + "/memory.swap.max", "0");
      if (st.code() == ErrorCode::kNotFound) st = Status::Ok();  // no swap accounting
    }
    if (st.ok() && r.cpu_quota > 0) {
      st = WriteValue(dir + "/cpu.max",
                      std::to_string(r.cpu_quota) + " " + std::to_string(r.cpu_period));
    }
  } else {
    cg.pids_dir_ = next();
    st = WriteValue(cg.pids_dir_ + "/pids.max",
                    r.pids_limit > 0 ? std::to_string(r.pids_limit) : "max");
    if (st.ok() && r.memory > 0) {
      cg.memory_dir_ = next();
      st = WriteValue(cg.memory_dir_ + "/memory.limit_in_bytes", std::to_string(r.memory));
    }
    if (st.ok() && r.cpu_quota > 0) {
      std::string dir = next();
      st = WriteValue(dir + "/cpu.cfs_period_us", std::to_string(r.cpu_period));
      if (st.ok()) st = WriteValue(dir + "/cpu.cfs_quota_us", std::to_string(r.cpu_quota));
    }
  }
  for (size_t k = 0; st.ok() && k < cg.dirs_.size(); ++k) {
    // v1: "tasks", which moves only the writing thread (the sandbox's
    // intermediate process has one); since Linux 6.1 that skips the
    // system-wide threadgroup lock whose writer waits out an RCU grace
    // period (tens of ms on a busy machine) as cgroup.procs does.
    Expected<UniqueFd> fd =
        OpenFile(cg.dirs_[k] + (cg.v2_ ? "/cgroup.procs" : "/tasks"), O_WRONLY);
    if (!fd.ok()) st = fd.status();
    else cg.procs_.push_back(std::move(*fd));
  }
  if (!st.ok()) return st.WithPrefix("step cgroup");
  return cg;
}

StepCgroup StepCgroup::WithoutCgroup(const StepResources& r) {
  StepCgroup none;
  if (NprocBinds()) none.nproc_bound_ = std::max<int64_t>(r.pids_limit, 0);
  return none;
}

bool StepCgroup::PidsLimitHit(std::string_view tail) const {
  if (!pids_dir_.empty()) return Counter(pids_dir_ + "/pids.events", "max") > 0;
  if (nproc_bound_ <= 0) return false;
  // Go writes strerror's text in lower case.
  constexpr std::string_view kEagain = "resource temporarily unavailable";
  auto same = [](char a, char b) { return std::tolower(static_cast<unsigned char>(a)) == b; };
  return std::search(tail.begin(), tail.end(), kEagain.begin(), kEagain.end(), same) !=
         tail.end();
}

bool StepCgroup::MemoryLimitHit() const {
  if (memory_dir_.empty()) return false;
  return Counter(memory_dir_ + (v2_ ? "/memory.events" : "/memory.oom_control"), "oom_kill") > 0;
}

Status StepCgroup::Remove() {
  procs_.clear();
  Status first;
  for (auto it = dirs_.rbegin(); it != dirs_.rend(); ++it) {
    Status st = KillAndRemove(*it);
    if (first.ok()) first = st;
  }
  dirs_.clear();
  return first;
}

void RemoveStaleStepCgroups(const std::string& root) {
  if (IsFs(root, CGROUP2_SUPER_MAGIC)) {
    RemoveStale(root + Trimmed(OwnPath("")) + "/mybuild");
    return;
  }
  for (const char* ctrl : {"pids", "memory", "cpu"}) {
    RemoveStale(root + "/" + ctrl + Trimmed(OwnPath(ctrl)) + "/mybuild");
  }
}

void AddNprocBound(std::vector<Rlimit>& rlimits, int64_t bound, uint32_t step_uid) {
  if (bound <= 0) return;
  uint64_t n = static_cast<uint64_t>(bound);
  if (step_uid == ::geteuid()) {
    // The builder's own threads count as the step's uid's (not its helpers
    // or other steps': see step_cgroup.h).
    Expected<std::string> status = ReadFile("/proc/self/status");
    size_t at = status.ok() ? status->find("\nThreads:") : std::string::npos;
    if (at != std::string::npos) n += std::strtoull(status->c_str() + at + 9, nullptr, 10);
  }
  for (Rlimit& l : rlimits) {
    if (l.resource != RLIMIT_NPROC) continue;
    // --ulimit nproc=...: the lower of the two.
    l.soft = std::min(l.soft, n);
    l.hard = std::min(l.hard, n);
    return;
  }
  rlimits.push_back({RLIMIT_NPROC, n, n});
}

Status JoinCgroup(const std::vector<int>& procs) {
  for (int fd : procs) {
    if (::write(fd, "0", 1) != 1) return SysError("write", "cgroup.procs", errno);
  }
  return Status::Ok();
}

}  // namespace mybuild::executor
