#include "executor/stage_mount.h"

#include <sched.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>

#include "base/fd.h"
#include "oci/overlay_xattrs.h"

namespace mybuild::executor {
namespace {

Status MountOverlay(const std::vector<std::string>& layers,
                    const std::string& scratch, const std::string& root) {
  if (::unshare(CLONE_NEWNS) != 0)
    return SysError("unshare", "CLONE_NEWNS", errno);
  if (::mount("", "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0) {
    return SysError("mount", "/", errno);
  }
  // A read-only overlay needs two lower dirs; empty ones fill in.
  std::vector<std::string> lowers = layers;
  for (const char* e : {"/empty1", "/empty2"}) {
    if (lowers.size() >= 2) break;
    RETURN_IF_ERROR(MakeDirs(scratch + e));
    lowers.push_back(scratch + e);
  }
  std::string data = "lowerdir=";
  for (size_t i = 0; i < lowers.size(); ++i) data += (i ? ":" : "") + lowers[i];
  if (oci::OverlayUsesUserXattrs()) data += ",userxattr";
  if (::mount("overlay", root.c_str(), "overlay", MS_RDONLY, data.c_str()) !=
      0) {
    return SysError("mount overlay", root, errno);
  }
  return Status::Ok();
}

// The child's Status, sent as its code and message.
void Report(int fd, const Status& st) {
  std::string out(1, static_cast<char>(st.code()));
  out += st.message();
  (void)WriteAll(fd, out, "status pipe");
}

}  // namespace

Status WithStageMounted(
    const std::vector<std::string>& layers, const std::string& scratch,
    const std::function<Status(const std::string& root)>& fn) {
  const std::string root = scratch + "/root";
  RETURN_IF_ERROR(MakeDirs(root));
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) return SysError("pipe2", "", errno);
  UniqueFd read_end(fds[0]), write_end(fds[1]);
  pid_t pid = ::fork();
  if (pid < 0) return SysError("fork", "", errno);
  if (pid == 0) {
    read_end.Reset();
    Status st = MountOverlay(layers, scratch, root);
    if (st.ok()) st = fn(root);
    Report(write_end.get(), st);
    ::_exit(0);
  }
  write_end.Reset();
  std::string reply;
  char buf[4096];
  for (;;) {
    ssize_t n = ::read(read_end.get(), buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    reply.append(buf, n);
  }
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (reply.empty())
    return Internal("copy from stage: the child died without a word");
  return Status(static_cast<ErrorCode>(reply[0]), reply.substr(1));
}

}  // namespace mybuild::executor
