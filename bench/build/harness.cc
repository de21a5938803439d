#include "bench/build/harness.h"

#include <spawn.h>
#include <stdlib.h>
#include <sys/wait.h>

#include <cerrno>

#include <filesystem>

#include "base/fd.h"
#include "testdata/fixtures/busybox_rootfs.h"

extern char** environ;

namespace mybuild::bench {

Expected<std::unique_ptr<BuildHarness>> BuildHarness::Start(const std::string& mybuild) {
  if (!registry::testing::ToolInstalled(registry::testing::kDockerRegistryBinary)) {
    return NotFound("docker-registry is not installed");
  }
  ASSIGN_OR_RETURN(TempDir dir, TempDir::Create());
  ASSIGN_OR_RETURN(std::unique_ptr<registry::testing::LocalRegistry> reg,
                   registry::testing::LocalRegistry::Start());
  std::unique_ptr<BuildHarness> h(new BuildHarness(
      std::move(dir), std::move(reg), std::filesystem::absolute(mybuild).string()));
  RETURN_IF_ERROR(MakeDirs(h->Path("base/rootfs")));
  RETURN_IF_ERROR(mybuild::testing::MakeBusyboxRootfs(h->Path("base/rootfs")));
  RETURN_IF_ERROR(WriteFileAtomic(h->Path("base/Dockerfile"),
                                  "FROM scratch\nCOPY rootfs/ /\nCMD [\"sh\"]\n"));
  h->base_ = h->registry_host() + "/busybox:1";
  ASSIGN_OR_RETURN(CommandResult r,
                   h->Mybuild({"build", "--root", h->Path("base-root"), "-t", h->base_,
                               "--push", "--progress", "quiet", h->Path("base")}));
  if (r.exit_code != 0) return Internal("building the base image failed:\n" + r.output);
  return h;
}

std::vector<std::string> BuildHarness::Argv(const std::vector<std::string>& args) const {
  std::vector<std::string> argv = {"env", "SOURCE_DATE_EPOCH=1700000000", mybuild_};
  argv.insert(argv.end(), args.begin(), args.end());
  return argv;
}

Expected<CommandResult> BuildHarness::Mybuild(const std::vector<std::string>& args) const {
  return registry::testing::RunCommand(Argv(args));
}

Expected<pid_t> BuildHarness::StartMybuild(const std::vector<std::string>& args,
                                           const std::string& log) const {
  return StartCommand(Argv(args), log);
}

Expected<pid_t> StartCommand(const std::vector<std::string>& argv_in, const std::string& log) {
  ASSIGN_OR_RETURN(UniqueFd out, OpenFile(log, O_WRONLY | O_CREAT | O_APPEND, 0644));
  std::vector<std::string> argv = argv_in;
  std::vector<char*> c;
  for (std::string& a : argv) c.push_back(a.data());
  c.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, out.get(), 1);
  posix_spawn_file_actions_adddup2(&actions, out.get(), 2);
  pid_t pid;
  int err = ::posix_spawnp(&pid, c[0], &actions, nullptr, c.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (err != 0) return SysError("spawn", argv[0], err);
  return pid;
}

int RunBench(int (*main)(int, char**), int argc, char** argv) {
  try {
    return main(argc, argv);
  } catch (const BenchFailed&) {
    return 1;
  }
}

int WaitFor(pid_t pid) {
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  return WIFSIGNALED(status) ? 128 + WTERMSIG(status) : -1;
}

std::vector<std::string> LinesWhere(const std::string& output,
                                    const std::function<bool(const std::string&)>& keep) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start < output.size()) {
    size_t nl = output.find('\n', start);
    std::string line = output.substr(start, nl - start);
    start = nl == std::string::npos ? output.size() : nl + 1;
    if (keep(line)) out.push_back(line);
  }
  return out;
}

Status WriteTree(const std::string& dir,
                 const std::vector<std::pair<std::string, std::string>>& files) {
  for (const auto& [rel, content] : files) {
    std::string path = dir + "/" + rel;
    RETURN_IF_ERROR(MakeDirs(std::filesystem::path(path).parent_path().string()));
    RETURN_IF_ERROR(WriteFileAtomic(path, content));
  }
  return Status::Ok();
}

}  // namespace mybuild::bench
