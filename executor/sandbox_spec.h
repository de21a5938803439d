// What a RUN step's sandbox looks like, as plain data. Built and checked
// without privileges; only sandbox.cc carries it out.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/status.h"

namespace mybuild::executor {

enum class NetworkMode { kHost, kNone };

// One setrlimit(2) call.
struct Rlimit {
  int resource;  // RLIMIT_NOFILE, ...
  uint64_t soft;
  uint64_t hard;
};

// The limits a RUN step gets: open files 1048576 (soft and hard), what
// dockerd's systemd unit long gave containers and BuildKit inherits; other
// limits are inherited from the builder. (Capped at the builder's hard
// limit when it lacks CAP_SYS_RESOURCE.)
std::vector<Rlimit> DefaultRlimits();

struct SandboxSpec {
  // Overlay lower directories, top-most first (the image's last layer
  // first). May be empty: the step then starts from an empty root.
  std::vector<std::string> lower_dirs;
  std::string upper_dir;  // receives every change; becomes the layer
  std::string work_dir;   // overlayfs scratch dir, same filesystem as upper
  std::string mount_dir;  // an empty dir where the root is assembled
  std::string etc_dir;    // holds the generated hosts, resolv.conf, hostname

  std::vector<std::string> argv;  // argv[0] is looked up in the env's PATH
  std::vector<std::string> env;   // KEY=VALUE
  std::string cwd = "/";
  uint32_t uid = 0;
  uint32_t gid = 0;
  std::vector<uint32_t> supplementary_gids;
  std::string hostname = "mybuild";
  NetworkMode network = NetworkMode::kHost;
  std::vector<Rlimit> rlimits = DefaultRlimits();
};

// Checks the spec is complete and consistent: absolute paths, a command, an
// absolute cwd. The message names the field.
Status ValidateSpec(const SandboxSpec& spec);

// The overlayfs mount data for the spec. `empty_lower` stands in when there
// are no lower dirs (overlayfs needs at least one).
std::string OverlayMountData(const SandboxSpec& spec,
                             const std::string& empty_lower);

// Paths (relative to the root, parents before children) that the sandbox
// may create as mount points when the image lacks them. They are removed
// again from the upper dir after the step unless the step wrote into them.
const std::vector<std::string>& MountStubPaths();

// Docker's default capabilities (CAP_CHOWN ... CAP_AUDIT_WRITE), the only
// ones a RUN step keeps in its bounding set.
const std::vector<int>& DefaultCapabilities();

// Resolves `name` against PATH from `env` (Docker's default PATH when env
// has none) in the current root, as execvp would. Call it inside the
// sandbox after pivot_root. Names containing '/' are returned as they are;
// "" when nothing executable is found.
std::string LookPath(const std::string& name,
                     const std::vector<std::string>& env);

// Docker's default PATH for Linux containers.
inline constexpr char kDefaultPath[] =
    "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

}  // namespace mybuild::executor
