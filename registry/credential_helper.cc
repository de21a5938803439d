#include "registry/credential_helper.h"

#include <poll.h>
#include <signal.h>
#include <pthread.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <nlohmann/json.hpp>

#include "base/fd.h"

extern char** environ;

namespace mybuild::registry {
namespace {

// Writes `input` to a helper's stdin. A helper that has exited already (one
// that answers "not found" without reading its input) closed the pipe: the
// write's EPIPE is ignored, and its SIGPIPE, which would kill mybuild, is
// blocked for this thread and then taken off it.
void WriteInput(int fd, const std::string& input, const std::string& program) {
  sigset_t pipe_only, old;
  sigemptyset(&pipe_only);
  sigaddset(&pipe_only, SIGPIPE);
  pthread_sigmask(SIG_BLOCK, &pipe_only, &old);
  (void)WriteAll(fd, input, program);
  const struct timespec now = {0, 0};
  while (sigtimedwait(&pipe_only, nullptr, &now) == SIGPIPE) {
  }
  pthread_sigmask(SIG_SETMASK, &old, nullptr);
}

struct HelperRun {
  std::string output;  // stdout and stderr together
  int status = 0;      // as waitpid reports it
  bool timed_out = false;
};

// Writes `input`, then reads until EOF or the deadline; SIGKILL after it.
Expected<HelperRun> Run(const std::string& program, const char* action,
                        const std::string& input, std::chrono::milliseconds limit) {
  int in[2], out[2];
  if (::pipe2(in, O_CLOEXEC) != 0) return SysError("pipe", program, errno);
  UniqueFd in_r(in[0]), in_w(in[1]);
  if (::pipe2(out, O_CLOEXEC) != 0) return SysError("pipe", program, errno);
  UniqueFd out_r(out[0]), out_w(out[1]);
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_adddup2(&fa, in_r.get(), 0);
  posix_spawn_file_actions_adddup2(&fa, out_w.get(), 1);
  posix_spawn_file_actions_adddup2(&fa, out_w.get(), 2);
  char* argv[] = {const_cast<char*>(program.c_str()), const_cast<char*>(action), nullptr};
  pid_t pid = 0;
  int rc = ::posix_spawnp(&pid, program.c_str(), &fa, nullptr, argv, environ);
  posix_spawn_file_actions_destroy(&fa);
  if (rc != 0) return SysError("posix_spawnp", program, rc);
  in_r.Reset();
  out_w.Reset();
  // A helper that does not read its input must not block us: the input (an
  // address, a login) is far below the pipe's capacity: this never waits.
  WriteInput(in_w.get(), input, program);
  in_w.Reset();
  HelperRun run;
  const auto deadline = std::chrono::steady_clock::now() + limit;
  char buf[4096];
  for (;;) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) {
      run.timed_out = true;
      break;
    }
    struct pollfd p = {out_r.get(), POLLIN, 0};
    int n = ::poll(&p, 1, static_cast<int>(left.count()));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) continue;  // the deadline check above ends it
    ssize_t got = ::read(out_r.get(), buf, sizeof buf);
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) break;
    if (run.output.size() < (1 << 20)) run.output.append(buf, got);
  }
  if (run.timed_out) ::kill(pid, SIGKILL);
  while (::waitpid(pid, &run.status, 0) < 0 && errno == EINTR) {
  }
  return run;
}

std::string Trimmed(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ' || s.back() == '\r')) s.pop_back();
  return s;
}

// Runs `action` and turns a failure into an error naming the helper; a
// "credentials not found" answer sets *not_found instead (when given).
Expected<std::string> Ask(const std::string& name, const char* action,
                          const std::string& server, const std::string& input,
                          std::chrono::milliseconds limit, bool* not_found) {
  const std::string program = "docker-credential-" + name;
  const std::string what =
      "credential helper " + program + " " + action + " for " + server;
  Expected<HelperRun> run = Run(program, action, input, limit);
  if (!run.ok()) {
    if (run.status().message().find("No such file") != std::string::npos) {
      return InvalidArgument("credential helper " + program + ": not found in $PATH");
    }
    return InvalidArgument("credential helper " + program + ": " + run.status().message());
  }
  if (run->timed_out) {
    long ms = static_cast<long>(limit.count());
    return InvalidArgument(what + ": no answer within " +
                           (ms % 1000 == 0 ? std::to_string(ms / 1000) + "s"
                                           : std::to_string(ms) + "ms"));
  }
  std::string said = Trimmed(run->output);
  bool exited = WIFEXITED(run->status);
  if (exited && WEXITSTATUS(run->status) == 0) return said;
  // The protocol's own words for "nothing stored": no error.
  if (not_found && said.find("credentials not found") != std::string::npos) {
    *not_found = true;
    return std::string();
  }
  std::string how = exited ? "exit code " + std::to_string(WEXITSTATUS(run->status))
                           : "killed by signal " + std::to_string(WTERMSIG(run->status));
  return InvalidArgument(what + ": " + how + (said.empty() ? "" : ": " + said));
}

}  // namespace

Expected<std::optional<Credentials>> RunCredentialHelper(
    const std::string& name, const std::string& server,
    std::chrono::milliseconds limit) {
  bool not_found = false;
  ASSIGN_OR_RETURN(std::string said, Ask(name, "get", server, server, limit, &not_found));
  if (not_found) return std::optional<Credentials>();
  nlohmann::json j = nlohmann::json::parse(said, nullptr, false);
  if (j.is_discarded() || !j.is_object() || !j.value("Username", nlohmann::json()).is_string() ||
      !j.value("Secret", nlohmann::json()).is_string()) {
    return InvalidArgument("credential helper docker-credential-" + name + " get for " + server +
                           ": answer is not {\"Username\":...,\"Secret\":...}");
  }
  Credentials c{j["Username"].get<std::string>(), j["Secret"].get<std::string>(), "",
                "credential helper docker-credential-" + name};
  if (c.username.empty() && c.password.empty()) return std::optional<Credentials>();
  // Docker's convention for an identity token kept in a helper.
  if (c.username == "<token>") std::swap(c.identity_token, c.password);
  return std::optional<Credentials>(std::move(c));
}

Status StoreInCredentialHelper(const std::string& name, const std::string& server,
                               const Credentials& login, std::chrono::milliseconds limit) {
  nlohmann::json j = {{"ServerURL", server}, {"Username", login.username},
                      {"Secret", login.password}};
  return Ask(name, "store", server, j.dump(), limit, nullptr).status();
}

Expected<bool> EraseFromCredentialHelper(const std::string& name, const std::string& server,
                                         std::chrono::milliseconds limit) {
  bool not_found = false;
  RETURN_IF_ERROR(Ask(name, "erase", server, server, limit, &not_found).status());
  return !not_found;
}

}  // namespace mybuild::registry
