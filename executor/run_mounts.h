// RUN --mount for one step: from the Dockerfile's mounts to what the
// sandbox mounts (SandboxMount), the variables the command gets besides its
// env (secrets given as env=, SSH_AUTH_SOCK), and what must stay held while
// it runs (cache leases, SSH agent forwarders).
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "base/status.h"
#include "executor/cache_mounts.h"
#include "executor/sandbox_spec.h"
#include "executor/ssh_proxy.h"
#include "frontend/mount.h"
#include "planner/build_graph.h"

namespace mybuild::executor {

// One --secret of the build: id=X with src=FILE or env=VAR.
struct SecretSource {
  std::string id;
  std::string file;  // read when a step mounts it
  std::string env;   // the builder's variable holding it
};

// What a build's mounts read from.
struct MountInputs {
  std::string context_dir;
  // Context-relative paths .dockerignore excludes; bind mounts of the
  // context do not show them.
  std::function<bool(const std::string&)> excluded;
  std::string cache_root;                  // <root>/cache-mounts
  std::vector<SecretSource> secrets;       // --secret
  std::map<std::string, std::string> ssh;  // --ssh: id -> agent socket
  // A stage's layer dirs, top-most first (overlay lowerdir order).
  std::function<std::vector<std::string>(int stage)> stage_layers;
};

struct PreparedMounts {
  std::vector<SandboxMount> mounts;  // parents before what lies inside them
  std::vector<std::string> env;      // KEY=VALUE, for the command only
  std::vector<CacheMountLease> leases;
  std::vector<std::unique_ptr<SshAgentProxy>> proxies;
};

// Resolves `requests` for a step whose scratch space is `scratch` (an
// empty host dir on the store's filesystem, removed after the step):
//   bind   - the context (or from= stage) at `source`, read-only unless rw,
//            where writes land in scratch and are thrown away; what
//            .dockerignore excludes is hidden, and a source it excludes is
//            not found;
//   cache  - a lease of LeaseCacheMount; as BuildKit, the cache is told by
//            its id (default: the target as written, cleaned) and, when
//            uid=, gid= or mode= is given, the uid:gid and mode they make
//            (defaults 0:0 and 0755), so `uid=10` and no uid= are two
//            caches even with one id=;
//   tmpfs  - a tmpfs of `size`;
//   secret - the secret's bytes as a file (default /run/secrets/<id>, mode
//            0400) and/or as env=; id defaults to source, then the
//            target's base name;
//   ssh    - a forwarder of the --ssh agent at target (default
//            /run/buildkit/ssh_agent.<n>); the first sets SSH_AUTH_SOCK.
// A secret or ssh mount whose id the build was not given is left out,
// unless it is `required`:
//   secret token: not found
//   no SSH agent "default" forwarded (use --ssh default)
Expected<PreparedMounts> PrepareMounts(
    const std::vector<planner::RunMount>& requests, const MountInputs& inputs,
    const std::string& scratch);

}  // namespace mybuild::executor
