#include "rootless/user_namespace.h"

#include <fcntl.h>
#include <grp.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>

namespace mybuild::rootless {
namespace {

// Runs argv (no shell) and waits; its exit status, or -1 when it could not start.
int RunAndWait(const std::vector<std::string>& argv) {
  std::vector<char*> cargv;
  for (const std::string& a : argv) cargv.push_back(const_cast<char*>(a.c_str()));
  cargv.push_back(nullptr);
  pid_t pid = ::fork();
  if (pid < 0) return -1;
  if (pid == 0) {
    ::execv(cargv[0], cargv.data());
    ::_exit(127);
  }
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) return -1;
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

// The helper, forked before unshare: waits for the parent's byte, maps the
// parent's ids, exits 0 when both maps were written, 1 for newuidmap, 2 for
// newgidmap, 3 when the parent went away.
[[noreturn]] void MapParent(int go_fd, pid_t parent, const HostFacts& f, const Ranges& r,
                            uint32_t gid) {
  char c;
  ssize_t n;
  do n = ::read(go_fd, &c, 1);
  while (n < 0 && errno == EINTR);
  if (n != 1) ::_exit(3);
  if (RunAndWait(IdMapArgv(f.newuidmap, parent, f.uid, r.uids)) != 0) ::_exit(1);
  if (RunAndWait(IdMapArgv(f.newgidmap, parent, gid, r.gids)) != 0) ::_exit(2);
  ::_exit(0);
}

}  // namespace

std::vector<std::string> IdMapArgv(const std::string& tool, pid_t pid, uint32_t id,
                                   const IdRange& range) {
  return {tool, std::to_string(pid), "0", std::to_string(id), "1", "1",
          std::to_string(range.start), std::to_string(range.count)};
}

Status EnterUserNamespace(const HostFacts& f, const Ranges& r, uint32_t gid) {
  int go[2];
  if (::pipe2(go, O_CLOEXEC) != 0) return SysError("pipe2", "", errno);
  const pid_t parent = ::getpid();
  pid_t helper = ::fork();
  if (helper < 0) return SysError("fork", "", errno);
  if (helper == 0) {
    ::close(go[1]);
    MapParent(go[0], parent, f, r, gid);
  }
  ::close(go[0]);
  int unshare_errno = ::unshare(CLONE_NEWUSER) == 0 ? 0 : errno;
  // The byte lets the helper map us; closing without it tells it to stop.
  if (unshare_errno == 0) (void)!::write(go[1], "x", 1);
  ::close(go[1]);
  int status = 0;
  while (::waitpid(helper, &status, 0) < 0 && errno == EINTR) {
  }
  if (unshare_errno != 0) {
    return SysError("rootless: unshare", "CLONE_NEWUSER", unshare_errno);
  }
  int code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  if (code == 1 || code == 2) {
    const IdRange& range = code == 1 ? r.uids : r.gids;
    return Unavailable(std::string("rootless: ") + (code == 1 ? f.newuidmap : f.newgidmap) +
                       " could not map " + std::to_string(range.start) + "-" +
                       std::to_string(range.start + range.count - 1) + " for " + f.user +
                       " (see its message above); check /etc/" +
                       (code == 1 ? "subuid" : "subgid") + " and that the helper is setuid root");
  }
  if (code != 0) return Internal("rootless: the id-map helper died");
  if (::setresgid(0, 0, 0) != 0) return SysError("rootless: setresgid", "0", errno);
  if (::setresuid(0, 0, 0) != 0) return SysError("rootless: setresuid", "0", errno);
  if (::unshare(CLONE_NEWNS) != 0) return SysError("rootless: unshare", "CLONE_NEWNS", errno);
  if (::mount("", "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0) {
    return SysError("rootless: mount --make-rprivate", "/", errno);
  }
  return Status::Ok();
}

Status EnterRootless() {
  HostFacts facts = ReadHostFacts();
  ASSIGN_OR_RETURN(Ranges ranges, CheckPrerequisites(facts));
  return EnterUserNamespace(facts, ranges, ::getgid());
}

}  // namespace mybuild::rootless
