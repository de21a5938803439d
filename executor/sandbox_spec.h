// What a RUN step's sandbox looks like, as plain data. Built and checked
// without privileges; only sandbox.cc carries it out.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "base/status.h"

namespace mybuild::executor {

// kPrivate: a network namespace of its own, out through slirp4netns
// (run_network.h); kHost: the builder's; kNone: a namespace with only lo.
enum class NetworkMode { kPrivate, kHost, kNone };

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

// A mount a RUN step asks for (RUN --mount), reduced to what the sandbox
// does. Everything comes from the host: the executor has already resolved
// contexts, stages, caches, secrets and agents to host paths or bytes.
struct SandboxMount {
  enum class Kind {
    kBind,     // sources[0], a host file or dir, is bound at target
    kOverlay,  // an overlay of sources (lower dirs, top first), bound
    kTmpfs,    // a fresh tmpfs of `size` bytes (0: the kernel's default)
    kFile,     // `content` as a file on a private tmpfs (secrets)
  };
  Kind kind = Kind::kBind;
  std::string target;                // absolute in the root
  std::vector<std::string> sources;  // host paths (kBind, kOverlay)
  // kBind, kOverlay: bind only this path inside the source, resolved as if
  // the source were "/" (symlinks cannot lead out of it). "" is the source.
  std::string subpath;
  // kOverlay with writes: upper and work dirs (same filesystem), whose
  // contents the executor throws away; the work dir is used once (the
  // overlay is volatile, see MountVolatileOverlay). Empty: read-only.
  std::string upper, work;
  // kOverlay, kFile: an empty host dir the child mounts on privately.
  std::string staging;
  bool readonly = true;
  uint64_t size = 0;                       // kTmpfs
  std::string content;                     // kFile
  uint32_t mode = 0400, uid = 0, gid = 0;  // kFile
};

// What bounds a RUN step's processes, as `docker build` spells it. The
// step runs in a cgroup of its own (step_cgroup.h) holding these.
inline constexpr int64_t kDefaultPidsLimit = 4096;
struct StepResources {
  int64_t pids_limit = kDefaultPidsLimit;  // --pids-limit; <= 0: unlimited
  int64_t memory = 0;                      // --memory, bytes; 0: unlimited
  int64_t cpu_quota = 0;                   // --cpu-quota / --cpus, us a period; 0: none
  int64_t cpu_period = 100000;             // --cpu-period, us
  uint64_t shm_size = 64 << 20;            // --shm-size: /dev/shm's tmpfs
  bool operator==(const StepResources&) const = default;
};

struct SandboxSpec {
  // Overlay lower directories, top-most first (the image's last layer
  // first). May be empty: the step then starts from an empty root.
  std::vector<std::string> lower_dirs;
  std::string upper_dir;  // receives every change; becomes the layer
  // overlayfs scratch dir, same filesystem as upper, empty and used once:
  // the overlay is mounted volatile, which leaves a mark in it that makes
  // the kernel refuse any later mount over it
  std::string work_dir;
  std::string mount_dir;  // an empty dir where the root is assembled
  std::string etc_dir;    // holds the generated hosts, resolv.conf, hostname

  std::vector<std::string> argv;  // argv[0] is looked up in the env's PATH
  std::vector<std::string> env;   // KEY=VALUE
  std::string cwd = "/";
  uint32_t uid = 0;
  uint32_t gid = 0;
  std::vector<uint32_t> supplementary_gids;
  std::string hostname = "mybuild";
  NetworkMode network = NetworkMode::kPrivate;
  // --add-host: (name, IP) lines appended to the step's /etc/hosts.
  std::vector<std::pair<std::string, std::string>> extra_hosts;
  std::vector<Rlimit> rlimits = DefaultRlimits();  // then --ulimit's
  StepResources resources;
  // Mounted in this order after the root is assembled; a mount whose target
  // lies inside another's should come after it.
  std::vector<SandboxMount> mounts;
};

// Checks the spec is complete and consistent: absolute paths, a command, an
// absolute cwd, mounts with absolute targets (not "/"), absolute sources
// and staging dirs, and overlay dirs free of ':' and ','. The message names
// the field.
Status ValidateSpec(const SandboxSpec& spec);

// The overlayfs mount data for the spec. `empty_lower` stands in when there
// are no lower dirs (overlayfs needs at least one). redirect_dir and
// metacopy are off whatever the host's module defaults: the upper dir is
// the layer's diff, so a renamed lower dir must be copied up whole, not
// left as a trusted.overlay.redirect to a lower path, and a chown'ed file
// must carry its data, not only a metacopy marker.
// With `userxattr` (a rootless build's user namespace, where trusted.* is
// out of reach) overlay's marks are user.overlay.* and the kernel itself
// turns redirects and metacopy off (it refuses them named with userxattr).
std::string OverlayMountData(const SandboxSpec& spec,
                             const std::string& empty_lower, bool userxattr = false);

// The -o of fuse-overlayfs for the same layers (it knows none of the
// kernel's redirect, metacopy and xattr options).
std::string FuseOverlayfsOptions(const SandboxSpec& spec, const std::string& empty_lower);

// Paths (relative to the root, parents before children) that the sandbox
// may create as mount points when the image lacks them: /proc, /dev, /sys,
// the /etc files, and each of spec.mounts' targets, each as `resolve` says
// it leads in the root (a clean relative path; nullopt: nothing made
// there), with its parents. They are removed again from the upper dir
// after the step unless the step wrote into them.
using ResolveInImage =
    std::function<std::optional<std::string>(const std::string& path)>;
std::vector<std::string> MountStubPaths(const SandboxSpec& spec,
                                        const ResolveInImage& resolve);

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
