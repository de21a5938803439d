#include "executor/run_mounts.h"

#include <sys/stat.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <optional>

#include "base/fd.h"
#include "executor/ignore_whiteouts.h"
#include "executor/root_path.h"

namespace mybuild::executor {
namespace {

using frontend::MountType;
using Kind = SandboxMount::Kind;

class Preparer {
 public:
  Preparer(const MountInputs& in, const std::string& scratch,
           PreparedMounts& out)
      : in_(in), scratch_(scratch), out_(out) {}

  Status Add(const planner::RunMount& r) {
    const frontend::MountSpec& m = r.spec;
    switch (m.type) {
      case MountType::kBind:
        return Bind(r);
      case MountType::kCache:
        return Cache(m);
      case MountType::kTmpfs:
        return Tmpfs(m);
      case MountType::kSecret:
        return Secret(m);
      case MountType::kSsh:
        return Ssh(m);
    }
    return Status::Ok();
  }

 private:
  // A fresh dir under scratch for one mount's private needs.
  Expected<std::string> Scratch(const std::string& name) {
    std::string dir = scratch_ + "/mount" + std::to_string(++n_) + "-" + name;
    RETURN_IF_ERROR(MakeDirs(dir));
    return dir;
  }

  Status Bind(const planner::RunMount& r) {
    const bool context = r.from_stage < 0;
    SandboxMount s;
    s.target = r.spec.target;
    s.subpath = r.spec.source;
    s.readonly = r.spec.readonly;
    int hidden = 0;
    if (!s.readonly || (context && in_.excluded)) {
      ASSIGN_OR_RETURN(std::string rw, Scratch("rw"));
      s.upper = rw + "/upper";
      s.work = rw + "/work";
      RETURN_IF_ERROR(MakeDirs(s.upper));
      RETURN_IF_ERROR(MakeDirs(s.work));
      if (context && in_.excluded) {
        ASSIGN_OR_RETURN(hidden, HideIgnored(r.spec.source, s.upper));
      }
    }
    if (context && s.readonly && hidden == 0) {
      s.kind = Kind::kBind;  // nothing to hide or keep apart: bind it as it is
      s.sources = {in_.context_dir};
      s.upper = s.work = "";
    } else {
      s.kind = Kind::kOverlay;
      s.sources = context ? std::vector<std::string>{in_.context_dir}
                          : in_.stage_layers(r.from_stage);
      ASSIGN_OR_RETURN(s.staging, Scratch("stage"));
      if (s.sources.empty())
        s.sources = {s.staging + "/empty"};  // FROM scratch
    }
    out_.mounts.push_back(std::move(s));
    return Status::Ok();
  }

  // Whiteouts in `upper` for what .dockerignore excludes below `source`.
  Expected<int> HideIgnored(const std::string& source,
                            const std::string& upper) {
    // Resolving the parents of source/x resolves all of source.
    ASSIGN_OR_RETURN(std::string dir,
                     ResolveParentsInRoot(in_.context_dir, source + "/x"));
    dir = dir.size() > 1 ? dir.substr(0, dir.size() - 2) : "";
    struct stat st;
    std::string host =
        dir.empty() ? in_.context_dir : in_.context_dir + "/" + dir;
    bool missing = ::stat(host.c_str(), &st) != 0;
    if (missing || (!dir.empty() && in_.excluded(dir))) {
      return NotFound(
          "RUN --mount: source \"" + source +
          "\" not found in build context or excluded by .dockerignore");
    }
    if (!S_ISDIR(st.st_mode)) return 0;
    return WhiteoutExcluded(in_.context_dir, dir, in_.excluded, upper);
  }

  Status Cache(const frontend::MountSpec& m) {
    if (!m.from.empty() || !m.source.empty()) {
      return InvalidArgument(
          "RUN --mount=type=cache with from= or source= is not supported yet");
    }
    const uint32_t uid = m.uid.value_or(0), gid = m.gid.value_or(0),
                   mode = m.mode.value_or(0755);
    ASSIGN_OR_RETURN(CacheMountLease lease,
                     LeaseCacheMount(in_.cache_root, CacheIdentity(m),
                                     m.sharing, uid, gid, mode));
    SandboxMount s;
    s.kind = Kind::kBind;
    s.sources = {lease.path()};
    s.target = m.target;
    s.readonly = m.readonly;
    out_.mounts.push_back(std::move(s));
    out_.leases.push_back(std::move(lease));
    return Status::Ok();
  }

  Status Tmpfs(const frontend::MountSpec& m) {
    SandboxMount s;
    s.kind = Kind::kTmpfs;
    s.target = m.target;
    s.size = m.size.value_or(0);
    s.readonly = m.readonly;
    out_.mounts.push_back(std::move(s));
    return Status::Ok();
  }

  Expected<std::optional<std::string>> SecretValue(const std::string& id) {
    for (const SecretSource& src : in_.secrets) {
      if (src.id != id) continue;
      if (!src.env.empty()) {
        const char* v = std::getenv(src.env.c_str());
        if (!v)
          return NotFound("secret " + id + ": env " + src.env + " is not set");
        return std::optional<std::string>(v);
      }
      ASSIGN_OR_RETURN(std::string data, ReadFile(src.file));
      return std::optional<std::string>(std::move(data));
    }
    return std::optional<std::string>();
  }

  Status Secret(const frontend::MountSpec& m) {
    std::string id = !m.id.empty() ? m.id
                     : !m.source.empty()
                         ? m.source
                         : std::filesystem::path(m.target).filename().string();
    ASSIGN_OR_RETURN(std::optional<std::string> value, SecretValue(id));
    if (!value) {
      if (m.required) return NotFound("secret " + id + ": not found");
      return Status::Ok();
    }
    if (!m.env.empty()) out_.env.push_back(m.env + "=" + *value);
    if (!m.env.empty() && m.target.empty()) return Status::Ok();
    SandboxMount s;
    s.kind = Kind::kFile;
    s.target = m.target.empty() ? "/run/secrets/" + id : m.target;
    s.content = std::move(*value);
    s.mode = m.mode.value_or(0400);
    s.uid = m.uid.value_or(0);
    s.gid = m.gid.value_or(0);
    ASSIGN_OR_RETURN(s.staging, Scratch("secret"));
    out_.mounts.push_back(std::move(s));
    return Status::Ok();
  }

  Status Ssh(const frontend::MountSpec& m) {
    std::string id = m.id.empty() ? "default" : m.id;
    auto agent = in_.ssh.find(id);
    if (agent == in_.ssh.end()) {
      if (!m.required) return Status::Ok();
      return NotFound("no SSH agent \"" + id + "\" forwarded (use --ssh " + id +
                      ")");
    }
    ASSIGN_OR_RETURN(std::string dir, Scratch("ssh"));
    ASSIGN_OR_RETURN(std::unique_ptr<SshAgentProxy> proxy,
                     SshAgentProxy::Start(agent->second, dir + "/agent.sock",
                                          m.uid.value_or(0), m.gid.value_or(0),
                                          m.mode.value_or(0600)));
    SandboxMount s;
    s.kind = Kind::kBind;
    s.sources = {proxy->path()};
    s.target = m.target.empty()
                   ? "/run/buildkit/ssh_agent." + std::to_string(ssh_count_)
                   : m.target;
    if (ssh_count_++ == 0) out_.env.push_back("SSH_AUTH_SOCK=" + s.target);
    out_.mounts.push_back(std::move(s));
    out_.proxies.push_back(std::move(proxy));
    return Status::Ok();
  }

  const MountInputs& in_;
  const std::string& scratch_;
  PreparedMounts& out_;
  int n_ = 0;
  int ssh_count_ = 0;
};

size_t Depth(const std::string& target) {
  size_t n = 0;
  for (const auto& part : std::filesystem::path(target).lexically_normal()) {
    if (part != "/" && !part.empty()) ++n;
  }
  return n;
}

}  // namespace

Expected<PreparedMounts> PrepareMounts(
    const std::vector<planner::RunMount>& requests, const MountInputs& inputs,
    const std::string& scratch) {
  PreparedMounts out;
  Preparer p(inputs, scratch, out);
  for (const planner::RunMount& r : requests) RETURN_IF_ERROR(p.Add(r));
  std::stable_sort(out.mounts.begin(), out.mounts.end(),
                   [](const SandboxMount& a, const SandboxMount& b) {
                     return Depth(a.target) < Depth(b.target);
                   });
  return out;
}

}  // namespace mybuild::executor
