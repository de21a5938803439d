#include "base/testing/user_namespace.h"

#include <fcntl.h>
#include <sched.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstring>

namespace mybuild::testing {
namespace {

bool WriteProc(const char* file, const char* text) {
  int fd = ::open(file, O_WRONLY | O_CLOEXEC);
  if (fd < 0) return false;
  ssize_t n = ::write(fd, text, std::strlen(text));
  ::close(fd);
  return n == static_cast<ssize_t>(std::strlen(text));
}

}  // namespace

std::string RunInUserNamespace(const std::function<bool()>& fn) {
  pid_t pid = ::fork();
  if (pid < 0) return std::string("fork: ") + std::strerror(errno);
  if (pid == 0) {
    if (::unshare(CLONE_NEWUSER) != 0 || !WriteProc("/proc/self/uid_map", "0 0 1") ||
        !WriteProc("/proc/self/setgroups", "deny") ||
        !WriteProc("/proc/self/gid_map", "0 0 1")) {
      ::_exit(2);
    }
    ::_exit(fn() ? 0 : 1);
  }
  int status = 0;
  if (::waitpid(pid, &status, 0) != pid) return std::string("waitpid: ") + std::strerror(errno);
  if (!WIFEXITED(status)) return "the child died of signal " + std::to_string(WTERMSIG(status));
  switch (WEXITSTATUS(status)) {
    case 0: return "ok";
    case 2: return "could not enter a user namespace";
    default: return "the function failed in the user namespace";
  }
}

}  // namespace mybuild::testing
