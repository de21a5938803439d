// What the build benchmark and the store's crash and concurrency tests
// share: a local registry holding a busybox base image (built and pushed
// by mybuild itself, FROM scratch), contexts written on demand, and the
// mybuild binary run as a user runs it.
#pragma once

#include <sys/types.h>

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "base/status.h"
#include "base/temp_dir.h"
#include "registry/testing/local_registry.h"
#include "registry/testing/subprocess.h"

namespace mybuild::bench {

using registry::testing::CommandResult;

class BuildHarness {
 public:
  // Starts the registry and pushes the base image. `mybuild` is the binary
  // (e.g. "cli/mybuild" in runfiles). Fails with kNotFound when
  // docker-registry or busybox-static is missing, so callers can skip.
  static Expected<std::unique_ptr<BuildHarness>> Start(const std::string& mybuild);

  // "127.0.0.1:PORT/busybox:1".
  const std::string& base() const { return base_; }
  const std::string& registry_host() const { return registry_->host(); }
  // A path under the harness's own temp directory.
  std::string Path(const std::string& rel) const { return dir_.path() + "/" + rel; }

  // Runs mybuild with `args`, with SOURCE_DATE_EPOCH set so image IDs
  // depend only on what was built.
  Expected<CommandResult> Mybuild(const std::vector<std::string>& args) const;
  // Starts mybuild with `args` in the background, stdout and stderr to
  // `log` (appended); returns its pid, for WaitFor or kill(2).
  Expected<pid_t> StartMybuild(const std::vector<std::string>& args,
                               const std::string& log) const;
  // The command line Mybuild runs (the binary by its absolute path).
  std::vector<std::string> Argv(const std::vector<std::string>& args) const;

 private:
  BuildHarness(TempDir dir, std::unique_ptr<registry::testing::LocalRegistry> r,
               std::string mybuild)
      : dir_(std::move(dir)), registry_(std::move(r)), mybuild_(std::move(mybuild)) {}

  TempDir dir_;
  std::unique_ptr<registry::testing::LocalRegistry> registry_;
  std::string mybuild_;
  std::string base_;
};

// Thrown by a benchmark when a build fails; RunBench catches it after
// unwinding has stopped the registry (and a dockerd) through their
// destructors, which std::exit would skip, leaving them running.
struct BenchFailed {};
// Runs `main`; 1 when it threw BenchFailed.
int RunBench(int (*main)(int, char**), int argc, char** argv);

// Starts `argv` (argv[0] searched in $PATH) in the background, stdin from
// /dev/null, stdout and stderr to `log` (appended); returns its pid.
Expected<pid_t> StartCommand(const std::vector<std::string>& argv, const std::string& log);

// Waits for child `pid`; its exit code, or 128 + the signal that killed it.
int WaitFor(pid_t pid);

// The lines of `output` (without their newlines) for which `keep` is true.
std::vector<std::string> LinesWhere(const std::string& output,
                                    const std::function<bool(const std::string&)>& keep);

// Writes `files` (relative path -> content) under `dir`, making directories.
Status WriteTree(const std::string& dir,
                 const std::vector<std::pair<std::string, std::string>>& files);

}  // namespace mybuild::bench
