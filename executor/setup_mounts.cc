// The setup steps that assemble the root: the overlay, /proc, /dev, /sys
// and the /etc files. Every mount point inside the root is the image's (or
// the step's before it): each is resolved inside the root (OpenInRoot) and
// mounted onto through /proc/self/fd, never reached by a host path that
// could follow one of the image's links out of the root.
#include <sched.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <string>

#include "base/fd.h"
#include "executor/root_path.h"
#include "executor/setup_steps.h"
#include "oci/overlay_xattrs.h"

namespace mybuild::executor::setup {
namespace {

// Binds the host's device `name` onto a file made for it in the new /dev.
Status BindDevice(const oci::SafeRoot& root, const std::string& name) {
  const std::string path = "/dev/" + name;
  ASSIGN_OR_RETURN(UniqueFd at, OpenMountTarget(root, path, false));
  return Mount(path, FdPath(at.get()), nullptr, MS_BIND, "", path);
}

// `name` in the directory `dir` (shown as `dir_shown`) as a link to `to`.
Status Symlink(const std::string& to, int dir, const std::string& dir_shown,
               const std::string& name) {
  if (::symlinkat(to.c_str(), dir, name.c_str()) != 0) {
    return SysError("symlink", dir_shown + "/" + name, errno);
  }
  return Status::Ok();
}

// Opens `name` (no symlink followed) in the kernel file system `dir` just
// mounted; nullopt when this kernel lacks it.
Expected<std::optional<UniqueFd>> OpenMasked(int dir,
                                             const std::string& dir_shown,
                                             const std::string& name) {
  int fd = ::openat(dir, name.c_str(), O_PATH | O_NOFOLLOW | O_CLOEXEC);
  if (fd >= 0) return std::optional<UniqueFd>(UniqueFd(fd));
  if (errno == ENOENT) return std::optional<UniqueFd>();
  return SysError("open", dir_shown + "/" + name, errno);
}

// Mounts a `type` file system named `source` onto the directory `path`
// inside the root, then opens what is mounted there.
Expected<UniqueFd> MountDir(const oci::SafeRoot& root, const std::string& path,
                            const char* source, const char* type,
                            unsigned long flags, const std::string& data) {
  ASSIGN_OR_RETURN(UniqueFd at, OpenMountTarget(root, path, true));
  RETURN_IF_ERROR(Mount(source, FdPath(at.get()), type, flags, data, path));
  // `at` still names what lies under the new mount: look it up again.
  return OpenInRoot(root, path, false, true);
}

// Read-only bind of `source` (a host path) over `path` in the root.
Status BindReadOnly(const oci::SafeRoot& root, const std::string& source,
                    const std::string& path) {
  ASSIGN_OR_RETURN(UniqueFd at, OpenMountTarget(root, path, false));
  RETURN_IF_ERROR(Mount(source, FdPath(at.get()), nullptr, MS_BIND, "", path));
  ASSIGN_OR_RETURN(UniqueFd mounted, OpenInRoot(root, path, false, false));
  return Mount("", FdPath(mounted.get()), nullptr,
               MS_BIND | MS_REMOUNT | MS_RDONLY, "", path);
}

}  // namespace

Status Mount(const std::string& source, const std::string& target,
             const char* type, unsigned long flags, const std::string& data,
             const std::string& shown) {
  if (::mount(source.c_str(), target.c_str(), type, flags,
              data.empty() ? nullptr : data.c_str()) != 0) {
    return SysError(std::string("mount ") + (type ? type : "bind"), shown,
                    errno);
  }
  return Status::Ok();
}

Status MakeMountsPrivate() {
  return Mount("", "/", nullptr, MS_REC | MS_PRIVATE, "", "/");
}

int MountVolatileOverlayErrno(const std::string& target, unsigned long flags,
                              const std::string& data) {
  const std::string fast = data + ",volatile";
  if (::mount("overlay", target.c_str(), "overlay", flags, fast.c_str()) == 0) return 0;
  // Kernels before 5.10 do not know the option.
  if (errno != EINVAL) return errno;
  return ::mount("overlay", target.c_str(), "overlay", flags, data.c_str()) == 0 ? 0 : errno;
}

Status MountVolatileOverlay(const std::string& target, unsigned long flags,
                            const std::string& data, const std::string& shown) {
  int err = MountVolatileOverlayErrno(target, flags, data);
  return err == 0 ? Status::Ok() : SysError("mount overlay", shown, err);
}

// nodev here, on /dev's tmpfs and on every RUN --mount: without Docker's
// device cgroup, it is what keeps a step (root, with CAP_MKNOD) from
// opening a host device through a node it makes. Nodes can still be made,
// as in Docker, and land in the layer.
Status MountRootOverlay(const SandboxSpec& spec,
                        const std::string& empty_lower) {
  const bool userxattr = oci::OverlayUsesUserXattrs();
  const char* force = std::getenv(kForceFuseOverlayfsEnv);
  if (force == nullptr || std::string(force) != "1") {
    const int err = MountVolatileOverlayErrno(spec.mount_dir, MS_NODEV,
                                              OverlayMountData(spec, empty_lower, userxattr));
    if (err == 0) return Status::Ok();
    // Only a kernel that refuses overlay in a user namespace (EPERM before
    // 5.11, EINVAL for an option it lacks) falls back.
    if (!userxattr || (err != EPERM && err != EINVAL)) {
      return SysError("mount overlay", spec.mount_dir, err);
    }
  }
  return MountFuseOverlayfs(spec, empty_lower);
}

// fuse-overlayfs onto spec.mount_dir: it mounts, forks its server (which
// lives in the step's pid namespace and dies with it) and exits 0. The
// server must not share our mount namespace: pivot_root would make the
// overlay it serves its root (its first absolute path would then ask itself,
// a deadlock), and detaching the old root would cut it off from /proc. So it
// runs in a mount namespace of its own, and its mount reaches ours through
// mount_dir made shared for that moment (a peer in both), private again
// before pivot_root.
Status MountFuseOverlayfs(const SandboxSpec& spec, const std::string& empty_lower) {
  const std::string opts = FuseOverlayfsOptions(spec, empty_lower);
  const std::string& dir = spec.mount_dir;
  RETURN_IF_ERROR(Mount(dir, dir, nullptr, MS_BIND, "", dir));
  RETURN_IF_ERROR(Mount("", dir, nullptr, MS_SHARED, "", dir));
  // The bind itself, which the fuse mount will hide, to make private again.
  ASSIGN_OR_RETURN(UniqueFd bind, OpenFile(dir, O_PATH | O_DIRECTORY));
  const char* argv[] = {kFuseOverlayfs, "-o", opts.c_str(), dir.c_str(), nullptr};
  pid_t pid = ::fork();
  if (pid < 0) return SysError("fork", kFuseOverlayfs, errno);
  if (pid == 0) {
    if (::unshare(CLONE_NEWNS) != 0) ::_exit(126);
    ::execv(kFuseOverlayfs, const_cast<char* const*>(argv));
    ::_exit(127);
  }
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
    return Mount("", FdPath(bind.get()), nullptr, MS_REC | MS_PRIVATE, "", dir);
  }
  if (WIFEXITED(status) && WEXITSTATUS(status) == 127) {
    return Status(ErrorCode::kNotFound,
                  std::string("the kernel refused overlay here and ") + kFuseOverlayfs +
                      " is missing: as root run `apt-get install fuse-overlayfs`");
  }
  return Status(ErrorCode::kIo, std::string(kFuseOverlayfs) + " failed on " + dir +
                                    " (its message is above; it needs /dev/fuse)");
}

Status MountProc(const std::string& root_dir) {
  ASSIGN_OR_RETURN(oci::SafeRoot root, oci::SafeRoot::Open(root_dir));
  ASSIGN_OR_RETURN(UniqueFd proc,
                   MountDir(root, "/proc", "proc", "proc",
                            MS_NOSUID | MS_NODEV | MS_NOEXEC, ""));
  // Docker's masked paths: hidden behind /dev/null (files) or an empty
  // read-only tmpfs (directories).
  for (const char* p : {"kcore", "keys", "latency_stats", "timer_list",
                        "timer_stats", "sched_debug"}) {
    ASSIGN_OR_RETURN(auto at, OpenMasked(proc.get(), "/proc", p));
    if (!at) continue;
    RETURN_IF_ERROR(Mount("/dev/null", FdPath(at->get()), nullptr, MS_BIND, "",
                          std::string("/proc/") + p));
  }
  for (const char* p : {"acpi", "asound", "scsi"}) {
    ASSIGN_OR_RETURN(auto at, OpenMasked(proc.get(), "/proc", p));
    if (!at) continue;
    RETURN_IF_ERROR(Mount("tmpfs", FdPath(at->get()), "tmpfs", MS_RDONLY, "",
                          std::string("/proc/") + p));
  }
  for (const char* p : {"bus", "fs", "irq", "sys", "sysrq-trigger"}) {
    const std::string shown = std::string("/proc/") + p;
    ASSIGN_OR_RETURN(auto at, OpenMasked(proc.get(), "/proc", p));
    if (!at) continue;
    RETURN_IF_ERROR(Mount(FdPath(at->get()), FdPath(at->get()), nullptr,
                          MS_BIND | MS_REC, "", shown));
    ASSIGN_OR_RETURN(auto bound, OpenMasked(proc.get(), "/proc", p));
    if (!bound) return SysError("open", shown, ENOENT);
    RETURN_IF_ERROR(Mount("", FdPath(bound->get()), nullptr,
                          MS_BIND | MS_REMOUNT | MS_RDONLY | MS_REC, "",
                          shown));
  }
  return Status::Ok();
}

Status MountDev(const std::string& root_dir, uint64_t shm_size) {
  ASSIGN_OR_RETURN(oci::SafeRoot root, oci::SafeRoot::Open(root_dir));
  ASSIGN_OR_RETURN(UniqueFd dev, MountDir(root, "/dev", "tmpfs", "tmpfs",
                                          MS_NOSUID | MS_NODEV | MS_STRICTATIME,
                                          "mode=755,size=65536k"));
  for (const char* name :
       {"null", "zero", "full", "random", "urandom", "tty"}) {
    RETURN_IF_ERROR(BindDevice(root, name));
  }
  RETURN_IF_ERROR(MountDir(root, "/dev/pts", "devpts", "devpts",
                           MS_NOSUID | MS_NOEXEC,
                           "newinstance,ptmxmode=0666,mode=0620")
                      .status());
  RETURN_IF_ERROR(Symlink("pts/ptmx", dev.get(), "/dev", "ptmx"));
  RETURN_IF_ERROR(MountDir(root, "/dev/shm", "shm", "tmpfs",
                           MS_NOSUID | MS_NODEV | MS_NOEXEC,
                           "mode=1777,size=" + std::to_string(shm_size))
                      .status());
  RETURN_IF_ERROR(Symlink("/proc/self/fd", dev.get(), "/dev", "fd"));
  RETURN_IF_ERROR(Symlink("/proc/self/fd/0", dev.get(), "/dev", "stdin"));
  RETURN_IF_ERROR(Symlink("/proc/self/fd/1", dev.get(), "/dev", "stdout"));
  return Symlink("/proc/self/fd/2", dev.get(), "/dev", "stderr");
}

Status MountSys(const std::string& root_dir) {
  ASSIGN_OR_RETURN(oci::SafeRoot root, oci::SafeRoot::Open(root_dir));
  ASSIGN_OR_RETURN(UniqueFd sys,
                   MountDir(root, "/sys", "sysfs", "sysfs",
                            MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC, ""));
  // Docker's masked paths under /sys.
  for (const char* p : {"firmware", "devices/virtual/powercap"}) {
    ASSIGN_OR_RETURN(auto at, OpenMasked(sys.get(), "/sys", p));
    if (!at) continue;
    RETURN_IF_ERROR(Mount("tmpfs", FdPath(at->get()), "tmpfs", MS_RDONLY, "",
                          std::string("/sys/") + p));
  }
  return Status::Ok();
}

Status MountEtcFiles(const SandboxSpec& spec) {
  ASSIGN_OR_RETURN(oci::SafeRoot root, oci::SafeRoot::Open(spec.mount_dir));
  // Read-only, as BuildKit binds them: the files are shared by steps. A
  // link (resolv.conf -> ../run/...) is followed inside the root.
  for (const char* name : {"hosts", "resolv.conf", "hostname"}) {
    RETURN_IF_ERROR(BindReadOnly(root, spec.etc_dir + "/" + name,
                                 std::string("/etc/") + name));
  }
  return Status::Ok();
}

Status PivotRoot(const std::string& root) {
  if (::chdir(root.c_str()) != 0) return SysError("chdir", root, errno);
  if (::syscall(SYS_pivot_root, ".", ".") != 0) {
    return SysError("pivot_root", root, errno);
  }
  if (::umount2(".", MNT_DETACH) != 0) return SysError("umount2", "/", errno);
  if (::chdir("/") != 0) return SysError("chdir", "/", errno);
  return Status::Ok();
}

}  // namespace mybuild::executor::setup
