// The setup step for RUN --mount: each SandboxMount mounted at its target
// inside the assembled root, before pivot_root.
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <cerrno>

#include "executor/root_path.h"
#include "executor/setup_steps.h"
#include "oci/overlay_xattrs.h"

namespace mybuild::executor::setup {
namespace {

using Kind = SandboxMount::Kind;

// The per-mount flags a read-only remount must repeat to keep them.
unsigned long KeptFlags(int fd) {
  struct statvfs st;
  if (::fstatvfs(fd, &st) != 0) return 0;
  unsigned long flags = 0;
  if (st.f_flag & ST_NOSUID) flags |= MS_NOSUID;
  if (st.f_flag & ST_NODEV) flags |= MS_NODEV;
  if (st.f_flag & ST_NOEXEC) flags |= MS_NOEXEC;
  if (st.f_flag & ST_NOATIME) flags |= MS_NOATIME;
  if (st.f_flag & ST_RELATIME) flags |= MS_RELATIME;
  return flags;
}

Status MakeDir(const std::string& path) {
  if (::mkdir(path.c_str(), 0700) != 0 && errno != EEXIST) {
    return SysError("mkdir", path, errno);
  }
  return Status::Ok();
}

// `subpath` inside the directory at `dir` (as if it were "/"), or `dir`.
Expected<UniqueFd> Inside(const std::string& dir, const std::string& subpath) {
  if (subpath.empty() || subpath == "/" || subpath == ".") {
    return OpenFile(dir, O_PATH);
  }
  ASSIGN_OR_RETURN(oci::SafeRoot root, oci::SafeRoot::Open(dir));
  return OpenInRoot(root, subpath, /*create=*/false, /*dir=*/false);
}

// An overlay of the sources on staging/mnt; writes go to m.upper, if any.
Expected<UniqueFd> MountOverlay(const SandboxMount& m) {
  const std::string mnt = m.staging + "/mnt", empty = m.staging + "/empty";
  RETURN_IF_ERROR(MakeDir(mnt));
  RETURN_IF_ERROR(MakeDir(empty));
  std::string data = "lowerdir=";
  for (size_t i = 0; i < m.sources.size(); ++i)
    data += (i ? ":" : "") + m.sources[i];
  if (!m.upper.empty()) {
    data += ",upperdir=" + m.upper + ",workdir=" + m.work;
  } else if (m.sources.size() == 1) {
    data += ":" + empty;  // a read-only overlay needs two lower dirs
  }
  if (oci::OverlayUsesUserXattrs()) data += ",userxattr";
  if (m.upper.empty()) {
    RETURN_IF_ERROR(Mount("overlay", mnt, "overlay", 0, data, m.target));
  } else {
    RETURN_IF_ERROR(MountVolatileOverlay(mnt, 0, data, m.target));
  }
  return Inside(mnt, m.subpath);
}

// m.content as a file on a tmpfs of its own, owned and moded as asked.
Expected<UniqueFd> MountFile(const SandboxMount& m) {
  unsigned long flags =
      MS_NODEV | MS_NOSUID | ((m.mode & 0111) ? 0 : MS_NOEXEC);
  RETURN_IF_ERROR(
      Mount("tmpfs", m.staging, "tmpfs", flags, "mode=0700", m.target));
  const std::string file = m.staging + "/file";
  ASSIGN_OR_RETURN(UniqueFd fd,
                   OpenFile(file, O_WRONLY | O_CREAT | O_EXCL, 0600));
  RETURN_IF_ERROR(WriteAll(fd.get(), m.content, file));
  if (::fchown(fd.get(), m.uid, m.gid) != 0)
    return SysError("chown", file, errno);
  if (::fchmod(fd.get(), m.mode) != 0) return SysError("chmod", file, errno);
  return OpenFile(file, O_PATH);
}

Expected<UniqueFd> Source(const SandboxMount& m) {
  switch (m.kind) {
    case Kind::kBind: {
      struct stat st;
      if (::stat(m.sources[0].c_str(), &st) != 0) {
        return SysError("stat", m.sources[0], errno);
      }
      if (!S_ISDIR(st.st_mode)) return OpenFile(m.sources[0], O_PATH);
      return Inside(m.sources[0], m.subpath);
    }
    case Kind::kOverlay:
      return MountOverlay(m);
    case Kind::kFile:
      return MountFile(m);
    case Kind::kTmpfs:
      break;
  }
  return Internal("sandbox: no source for a tmpfs");
}

Status MountOne(const oci::SafeRoot& root, const SandboxMount& m) {
  if (m.kind == Kind::kTmpfs) {
    ASSIGN_OR_RETURN(UniqueFd target, OpenMountTarget(root, m.target, true));
    std::string data = m.size ? "size=" + std::to_string(m.size) : "";
    unsigned long flags = MS_NOSUID | MS_NODEV | (m.readonly ? MS_RDONLY : 0);
    return Mount("tmpfs", FdPath(target.get()), "tmpfs", flags, data, m.target);
  }
  ASSIGN_OR_RETURN(UniqueFd source, Source(m));
  struct stat st;
  if (::fstat(source.get(), &st) != 0) return SysError("stat", m.target, errno);
  bool dir = S_ISDIR(st.st_mode);
  ASSIGN_OR_RETURN(UniqueFd target, OpenMountTarget(root, m.target, dir));
  RETURN_IF_ERROR(Mount(FdPath(source.get()), FdPath(target.get()), nullptr,
                        MS_BIND | MS_REC, "", m.target));
  // The fd still names what lies under the new mount: look it up again.
  // Remounted nodev (see MountRootOverlay), and read-only when asked.
  ASSIGN_OR_RETURN(UniqueFd mounted, OpenInRoot(root, m.target, false, dir));
  return Mount("", FdPath(mounted.get()), nullptr,
               MS_BIND | MS_REMOUNT | MS_NODEV | (m.readonly ? MS_RDONLY : 0) |
                   KeptFlags(mounted.get()),
               "", m.target);
}

}  // namespace

Status MountRunMounts(const SandboxSpec& spec) {
  if (spec.mounts.empty()) return Status::Ok();
  ASSIGN_OR_RETURN(oci::SafeRoot root, oci::SafeRoot::Open(spec.mount_dir));
  for (const SandboxMount& m : spec.mounts) RETURN_IF_ERROR(MountOne(root, m));
  return Status::Ok();
}

}  // namespace mybuild::executor::setup
