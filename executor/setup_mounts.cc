#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <cerrno>

#include "base/fd.h"
#include "executor/setup_steps.h"

namespace mybuild::executor::setup {
namespace {

Status Mount(const std::string& source, const std::string& target,
             const char* type, unsigned long flags, const std::string& data) {
  if (::mount(source.c_str(), target.c_str(), type, flags,
              data.empty() ? nullptr : data.c_str()) != 0) {
    return SysError(std::string("mount ") + (type ? type : "bind"), target,
                    errno);
  }
  return Status::Ok();
}

// Creates `path` as a directory (or an empty file) if it does not exist.
Status EnsureMountPoint(const std::string& path, bool dir) {
  struct stat st;
  if (::lstat(path.c_str(), &st) == 0) return Status::Ok();
  if (dir) {
    if (::mkdir(path.c_str(), 0755) != 0) return SysError("mkdir", path, errno);
    return Status::Ok();
  }
  ASSIGN_OR_RETURN(UniqueFd fd, OpenFile(path, O_WRONLY | O_CREAT, 0644));
  return Status::Ok();
}

Status BindDevice(const std::string& root, const std::string& name) {
  std::string target = root + "/dev/" + name;
  RETURN_IF_ERROR(EnsureMountPoint(target, false));
  return Mount("/dev/" + name, target, nullptr, MS_BIND, "");
}

Status Symlink(const std::string& to, const std::string& at) {
  if (::symlink(to.c_str(), at.c_str()) != 0) {
    return SysError("symlink", at, errno);
  }
  return Status::Ok();
}

}  // namespace

Status MakeMountsPrivate() {
  return Mount("", "/", nullptr, MS_REC | MS_PRIVATE, "");
}

// nodev here, on /dev's tmpfs and on every RUN --mount: without Docker's
// device cgroup, it is what keeps a step (root, with CAP_MKNOD) from
// opening a host device through a node it makes. Nodes can still be made,
// as in Docker, and land in the layer.
Status MountRootOverlay(const SandboxSpec& spec,
                        const std::string& empty_lower) {
  return Mount("overlay", spec.mount_dir, "overlay", MS_NODEV,
               OverlayMountData(spec, empty_lower));
}

Status MountProc(const std::string& root) {
  const std::string proc = root + "/proc";
  RETURN_IF_ERROR(EnsureMountPoint(proc, true));
  RETURN_IF_ERROR(
      Mount("proc", proc, "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, ""));
  // Docker's masked paths: hidden behind /dev/null (files) or an empty
  // read-only tmpfs (directories).
  for (const char* p : {"kcore", "keys", "latency_stats", "timer_list",
                        "timer_stats", "sched_debug"}) {
    struct stat st;
    std::string path = proc + "/" + p;
    if (::stat(path.c_str(), &st) != 0) continue;
    RETURN_IF_ERROR(Mount("/dev/null", path, nullptr, MS_BIND, ""));
  }
  for (const char* p : {"acpi", "asound", "scsi"}) {
    std::string path = proc + "/" + p;
    struct stat st;
    if (::stat(path.c_str(), &st) != 0) continue;
    RETURN_IF_ERROR(Mount("tmpfs", path, "tmpfs", MS_RDONLY, ""));
  }
  for (const char* p : {"bus", "fs", "irq", "sys", "sysrq-trigger"}) {
    std::string path = proc + "/" + p;
    struct stat st;
    if (::stat(path.c_str(), &st) != 0) continue;
    RETURN_IF_ERROR(Mount(path, path, nullptr, MS_BIND | MS_REC, ""));
    RETURN_IF_ERROR(Mount(path, path, nullptr,
                          MS_BIND | MS_REMOUNT | MS_RDONLY | MS_REC, ""));
  }
  return Status::Ok();
}

Status MountDev(const std::string& root) {
  const std::string dev = root + "/dev";
  RETURN_IF_ERROR(EnsureMountPoint(dev, true));
  RETURN_IF_ERROR(Mount("tmpfs", dev, "tmpfs",
                        MS_NOSUID | MS_NODEV | MS_STRICTATIME,
                        "mode=755,size=65536k"));
  for (const char* name :
       {"null", "zero", "full", "random", "urandom", "tty"}) {
    RETURN_IF_ERROR(BindDevice(root, name));
  }
  RETURN_IF_ERROR(EnsureMountPoint(dev + "/pts", true));
  RETURN_IF_ERROR(Mount("devpts", dev + "/pts", "devpts", MS_NOSUID | MS_NOEXEC,
                        "newinstance,ptmxmode=0666,mode=0620"));
  RETURN_IF_ERROR(Symlink("pts/ptmx", dev + "/ptmx"));
  RETURN_IF_ERROR(EnsureMountPoint(dev + "/shm", true));
  RETURN_IF_ERROR(Mount("shm", dev + "/shm", "tmpfs",
                        MS_NOSUID | MS_NODEV | MS_NOEXEC,
                        "mode=1777,size=65536k"));
  RETURN_IF_ERROR(Symlink("/proc/self/fd", dev + "/fd"));
  RETURN_IF_ERROR(Symlink("/proc/self/fd/0", dev + "/stdin"));
  RETURN_IF_ERROR(Symlink("/proc/self/fd/1", dev + "/stdout"));
  return Symlink("/proc/self/fd/2", dev + "/stderr");
}

Status MountSys(const std::string& root) {
  const std::string sys = root + "/sys";
  RETURN_IF_ERROR(EnsureMountPoint(sys, true));
  RETURN_IF_ERROR(Mount("sysfs", sys, "sysfs",
                        MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC, ""));
  // Docker's masked paths under /sys.
  for (const char* p : {"firmware", "devices/virtual/powercap"}) {
    std::string path = sys + "/" + p;
    struct stat st;
    if (::stat(path.c_str(), &st) != 0) continue;
    RETURN_IF_ERROR(Mount("tmpfs", path, "tmpfs", MS_RDONLY, ""));
  }
  return Status::Ok();
}

Status MountEtcFiles(const SandboxSpec& spec) {
  const std::string etc = spec.mount_dir + "/etc";
  RETURN_IF_ERROR(EnsureMountPoint(etc, true));
  for (const char* name : {"hosts", "resolv.conf", "hostname"}) {
    std::string target = etc + "/" + name;
    struct stat st;
    // A symlink (e.g. resolv.conf -> ../run/...) is left alone rather than
    // followed out of the root.
    if (::lstat(target.c_str(), &st) == 0 && S_ISLNK(st.st_mode)) continue;
    RETURN_IF_ERROR(EnsureMountPoint(target, false));
    RETURN_IF_ERROR(
        Mount(spec.etc_dir + "/" + name, target, nullptr, MS_BIND, ""));
    // Read-only, as BuildKit binds them: the files are shared by steps.
    RETURN_IF_ERROR(
        Mount("", target, nullptr, MS_BIND | MS_REMOUNT | MS_RDONLY, ""));
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
