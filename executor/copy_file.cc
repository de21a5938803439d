#include "executor/copy_file.h"

#include <fcntl.h>
#include <sys/sendfile.h>
#include <unistd.h>

#include <cerrno>

#include "oci/xattrs.h"

namespace mybuild::executor {
namespace {

// `path` created for writing; something an earlier source put there is
// replaced (a later source wins).
Expected<UniqueFd> CreateReplacing(const std::string& path) {
  constexpr int kFlags = O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC;
  int fd = ::open(path.c_str(), kFlags, 0600);
  if (fd < 0 && errno == EEXIST) {
    RETURN_IF_ERROR(RemoveAll(path));
    fd = ::open(path.c_str(), kFlags, 0600);
  }
  if (fd < 0) return SysError("create", path, errno);
  return UniqueFd(fd);
}

Status CopyData(int in, int out, const std::string& from,
                const std::string& to, off_t size) {
  off_t done = 0;
  while (done < size) {
    ssize_t n = ::sendfile(out, in, nullptr, size - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return SysError("sendfile", to, errno);
    if (n == 0)
      return IoError("copy \"" + from + "\": file shrank while copying");
    done += n;
  }
  return Status::Ok();
}

// `from`'s extended attributes (file capabilities, user.*) onto `out`,
// except overlayfs' own and SELinux labels, which belong to this host, and
// file capabilities unless `capabilities`. A file system that cannot hold
// one skips it.
Status CopyXattrs(int in, const std::string& from, const std::string& to,
                  bool capabilities) {
  ASSIGN_OR_RETURN(oci::Xattrs attrs, oci::ReadXattrsFd(in, from));
  for (const auto& [key, value] : attrs) {
    if (oci::IsHostXattr(key)) continue;
    if (!capabilities && key == oci::kCapabilityXattr) continue;
    bool unsupported = false;
    RETURN_IF_ERROR(oci::SetXattrAt(AT_FDCWD, to, key, value, to, &unsupported));
  }
  return Status::Ok();
}

}  // namespace

Status LinkReplacing(const std::string& target, const std::string& path) {
  if (::link(target.c_str(), path.c_str()) == 0) return Status::Ok();
  if (errno != EEXIST) return SysError("link", path, errno);
  RETURN_IF_ERROR(RemoveAll(path));
  if (::link(target.c_str(), path.c_str()) != 0)
    return SysError("link", path, errno);
  return Status::Ok();
}

Status CopyRegular(const std::string& from, const std::string& to,
                   const struct stat& st, uint32_t uid, uint32_t gid,
                   mode_t mode, bool capabilities) {
  ASSIGN_OR_RETURN(UniqueFd in, OpenFile(from, O_RDONLY | O_NOFOLLOW));
  ASSIGN_OR_RETURN(UniqueFd out, CreateReplacing(to));
  RETURN_IF_ERROR(CopyData(in.get(), out.get(), from, to, st.st_size));
  if (::fchown(out.get(), uid, gid) != 0) return SysError("chown", to, errno);
  // After chown, which clears setuid/setgid and file capabilities.
  if (::fchmod(out.get(), mode) != 0) return SysError("chmod", to, errno);
  RETURN_IF_ERROR(CopyXattrs(in.get(), from, to, capabilities));
  struct timespec times[2] = {st.st_mtim, st.st_mtim};
  if (::futimens(out.get(), times) != 0) return SysError("futimens", to, errno);
  return Status::Ok();
}

}  // namespace mybuild::executor
