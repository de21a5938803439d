#include "registry/testing/subprocess.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <sstream>
#include <thread>

#include "base/fd.h"

extern char** environ;

namespace mybuild::registry::testing {
namespace {

// Spawns argv with stdin from /dev/null and stdout/stderr on `out_fd`.
Expected<pid_t> SpawnWithOutput(const std::vector<std::string>& argv,
                                int out_fd) {
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, out_fd, 1);
  posix_spawn_file_actions_adddup2(&actions, out_fd, 2);
  pid_t pid;
  int err =
      posix_spawnp(&pid, args[0], &actions, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (err != 0) return SysError("spawn", argv[0], err);
  return pid;
}

int ExitCode(int status) {
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return -1;
}

}  // namespace

Expected<CommandResult> RunCommand(const std::vector<std::string>& argv) {
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) return SysError("pipe", "", errno);
  UniqueFd read_end(fds[0]), write_end(fds[1]);
  ASSIGN_OR_RETURN(pid_t pid, SpawnWithOutput(argv, write_end.get()));
  write_end.Reset();
  CommandResult result;
  char buf[8192];
  for (;;) {
    ssize_t n = ::read(read_end.get(), buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    result.output.append(buf, static_cast<size_t>(n));
  }
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  result.exit_code = ExitCode(status);
  return result;
}

bool ToolInstalled(const std::string& tool) {
  if (tool.find('/') != std::string::npos) {
    return ::access(tool.c_str(), X_OK) == 0;
  }
  const char* path = std::getenv("PATH");
  std::istringstream dirs(path ? path : "/usr/bin:/bin");
  for (std::string dir; std::getline(dirs, dir, ':');) {
    if (!dir.empty() && ::access((dir + "/" + tool).c_str(), X_OK) == 0) {
      return true;
    }
  }
  return false;
}

Expected<ChildProcess> ChildProcess::Spawn(const std::vector<std::string>& argv,
                                           const std::string& log_file) {
  ASSIGN_OR_RETURN(UniqueFd log,
                   OpenFile(log_file, O_WRONLY | O_CREAT | O_APPEND, 0644));
  ASSIGN_OR_RETURN(pid_t pid, SpawnWithOutput(argv, log.get()));
  return ChildProcess(pid);
}

bool ChildProcess::Exited() {
  if (pid_ < 0) return true;
  int status;
  if (::waitpid(pid_, &status, WNOHANG) == pid_) {
    pid_ = -1;
    return true;
  }
  return false;
}

void ChildProcess::Stop() {
  if (pid_ < 0) return;
  ::kill(pid_, SIGTERM);
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while (std::chrono::steady_clock::now() < deadline) {
    if (Exited()) return;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ::kill(pid_, SIGKILL);
  int status;
  while (::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
  }
  pid_ = -1;
}

}  // namespace mybuild::registry::testing
