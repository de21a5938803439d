#include "executor/git_fetch.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <vector>

#include "base/fd.h"
#include "executor/root_path.h"

namespace mybuild::executor {
namespace {

struct ToolResult {
  int exit_code = -1;
  std::string output;  // stdout and stderr, interleaved
};

// Runs git with `args`, no prompts, stdin from /dev/null.
Expected<ToolResult> Git(const std::vector<std::string>& args) {
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) return SysError("pipe2", "git", errno);
  UniqueFd out(fds[0]), in(fds[1]);
  std::vector<char*> argv;
  std::string git = "git";
  argv.push_back(git.data());
  for (const std::string& a : args)
    argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  pid_t pid = ::fork();
  if (pid < 0) return SysError("fork", "git", errno);
  if (pid == 0) {
    int null_fd = ::open("/dev/null", O_RDONLY);
    ::dup2(null_fd, 0);
    ::dup2(in.get(), 1);
    ::dup2(in.get(), 2);
    ::setenv("GIT_TERMINAL_PROMPT", "0", 1);
    ::execvp("git", argv.data());
    ::_exit(127);
  }
  in.Reset();
  ToolResult r;
  char buf[4096];
  for (ssize_t n; (n = ::read(out.get(), buf, sizeof buf)) != 0;) {
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) break;
    r.output.append(buf, n);
  }
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  r.exit_code =
      WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return r;
}

Status Step(const std::string& what, const std::vector<std::string>& args) {
  ASSIGN_OR_RETURN(ToolResult r, Git(args));
  if (r.exit_code == 0) return Status::Ok();
  std::string tail = r.output;
  while (!tail.empty() && tail.back() == '\n') tail.pop_back();
  tail = tail.substr(
      tail.rfind('\n') == std::string::npos ? 0 : tail.rfind('\n') + 1);
  return Unavailable("ADD failed: " + what + ": exit code " +
                     std::to_string(r.exit_code) +
                     (tail.empty() ? "" : ": " + tail));
}

bool EndsWith(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

}  // namespace

bool IsGitUrl(const std::string& src) {
  std::string repo = src.substr(0, src.find('#'));
  if (repo.rfind("git://", 0) == 0 || repo.rfind("ssh://", 0) == 0) return true;
  if (repo.rfind("git@", 0) == 0 && repo.find(':') != std::string::npos)
    return true;
  bool http = repo.rfind("http://", 0) == 0 || repo.rfind("https://", 0) == 0;
  return http && (EndsWith(repo, ".git") || EndsWith(repo, ".git/"));
}

Expected<std::string> FetchGit(const std::string& url, const std::string& dir,
                               bool keep_git_dir) {
  size_t hash = url.find('#');
  std::string repo = url.substr(0, hash);
  std::string fragment = hash == std::string::npos ? "" : url.substr(hash + 1);
  std::string ref = fragment.substr(0, fragment.find(':'));
  std::string subdir = fragment.find(':') == std::string::npos
                           ? ""
                           : fragment.substr(fragment.find(':') + 1);
  if (ref.empty()) ref = "HEAD";
  const std::string quoted = "\"" + repo + "\"";
  RETURN_IF_ERROR(Step("git init", {"init", "-q", dir}));
  RETURN_IF_ERROR(Step("git remote " + quoted,
                       {"-C", dir, "remote", "add", "origin", repo}));
  RETURN_IF_ERROR(
      Step("git fetch " + quoted + " \"" + ref + "\"",
           {"-C", dir, "fetch", "-q", "--depth", "1", "origin", ref}));
  RETURN_IF_ERROR(
      Step("git checkout", {"-C", dir, "checkout", "-q", "FETCH_HEAD"}));
  struct stat st;
  if (::stat((dir + "/.gitmodules").c_str(), &st) == 0) {
    RETURN_IF_ERROR(Step("git submodule update",
                         {"-C", dir, "submodule", "update", "--init",
                          "--recursive", "--depth", "1"}));
  }
  if (!keep_git_dir) RETURN_IF_ERROR(RemoveAll(dir + "/.git"));
  if (subdir.empty()) return dir;
  // Resolving the parents of subdir/x resolves all of subdir in the repo.
  ASSIGN_OR_RETURN(std::string inside,
                   ResolveParentsInRoot(dir, subdir + "/x"));
  std::string path = dir + "/" + inside.substr(0, inside.size() - 2);
  if (::stat(path.c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) {
    return NotFound("ADD failed: " + quoted + " has no directory \"" + subdir +
                    "\"");
  }
  return path;
}

}  // namespace mybuild::executor
