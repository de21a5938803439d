#include "executor/sandbox_spec.h"

#include <linux/capability.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <sstream>

namespace mybuild::executor {
namespace {

bool Absolute(const std::string& p) { return !p.empty() && p[0] == '/'; }

bool OverlaySafe(const std::string& p) {
  return Absolute(p) && p.find_first_of(":,") == std::string::npos;
}

Status ValidateMount(const SandboxMount& m) {
  using Kind = SandboxMount::Kind;
  std::string what = "sandbox: mount at \"" + m.target + "\"";
  std::string clean = std::filesystem::path(m.target).lexically_normal();
  if (!Absolute(m.target) || clean == "/") {
    return InvalidArgument(what +
                           ": target must be an absolute path other than /");
  }
  if ((m.kind == Kind::kBind && m.sources.size() != 1) ||
      (m.kind == Kind::kOverlay && m.sources.empty())) {
    return InvalidArgument(what + ": needs a source");
  }
  for (const std::string& src : m.sources) {
    bool ok = m.kind == Kind::kOverlay ? OverlaySafe(src) : Absolute(src);
    if (!ok) return InvalidArgument(what + ": bad source \"" + src + "\"");
  }
  if ((m.kind == Kind::kOverlay || m.kind == Kind::kFile) &&
      !Absolute(m.staging)) {
    return InvalidArgument(what + ": needs an absolute staging dir");
  }
  if (m.kind == Kind::kOverlay &&
      (m.upper.empty() != m.work.empty() ||
       (!m.upper.empty() && (!OverlaySafe(m.upper) || !OverlaySafe(m.work))))) {
    return InvalidArgument(
        what + ": upper and work must both be absolute, or both empty");
  }
  return Status::Ok();
}

// "a/b/c" -> "a", "a/b", "a/b/c".
void AddWithParents(const std::string& target, std::vector<std::string>& out) {
  std::string prefix;
  for (const auto& part : std::filesystem::path(target).lexically_normal()) {
    if (part == "/" || part.empty()) continue;
    prefix += (prefix.empty() ? "" : "/") + part.string();
    if (std::find(out.begin(), out.end(), prefix) == out.end())
      out.push_back(prefix);
  }
}

}  // namespace

Status ValidateSpec(const SandboxSpec& spec) {
  const std::pair<const char*, const std::string*> dirs[] = {
      {"upper_dir", &spec.upper_dir},
      {"work_dir", &spec.work_dir},
      {"mount_dir", &spec.mount_dir},
      {"etc_dir", &spec.etc_dir},
      {"cwd", &spec.cwd}};
  for (const auto& [name, value] : dirs) {
    if (!Absolute(*value)) {
      return InvalidArgument(std::string("sandbox: ") + name +
                             " must be an absolute path, got \"" + *value +
                             "\"");
    }
  }
  for (const std::string& l : spec.lower_dirs) {
    if (!Absolute(l) || l.find(':') != std::string::npos ||
        l.find(',') != std::string::npos) {
      return InvalidArgument("sandbox: lower dir \"" + l +
                             "\" must be absolute and free of ':' and ','");
    }
  }
  if (spec.argv.empty() || spec.argv[0].empty()) {
    return InvalidArgument("sandbox: no command to run");
  }
  for (const SandboxMount& m : spec.mounts) RETURN_IF_ERROR(ValidateMount(m));
  return Status::Ok();
}

std::string OverlayMountData(const SandboxSpec& spec,
                             const std::string& empty_lower, bool userxattr) {
  std::ostringstream out;
  out << "lowerdir=";
  if (spec.lower_dirs.empty()) out << empty_lower;
  for (size_t i = 0; i < spec.lower_dirs.size(); ++i) {
    out << (i ? ":" : "") << spec.lower_dirs[i];
  }
  out << ",upperdir=" << spec.upper_dir << ",workdir=" << spec.work_dir
      << (userxattr ? ",userxattr" : ",redirect_dir=off,metacopy=off");
  return out.str();
}

std::string FuseOverlayfsOptions(const SandboxSpec& spec, const std::string& empty_lower) {
  std::ostringstream out;
  out << "lowerdir=";
  if (spec.lower_dirs.empty()) out << empty_lower;
  for (size_t i = 0; i < spec.lower_dirs.size(); ++i) {
    out << (i ? ":" : "") << spec.lower_dirs[i];
  }
  out << ",upperdir=" << spec.upper_dir << ",workdir=" << spec.work_dir;
  return out.str();
}

std::vector<Rlimit> DefaultRlimits() {
  return {{RLIMIT_NOFILE, 1048576, 1048576}};
}

std::vector<std::string> MountStubPaths(const SandboxSpec& spec,
                                        const ResolveInImage& resolve) {
  std::vector<std::string> targets = {
      "/proc",        "/dev", "/sys", "/etc/hosts", "/etc/resolv.conf",
      "/etc/hostname"};
  for (const SandboxMount& m : spec.mounts) targets.push_back(m.target);
  std::vector<std::string> paths;
  for (const std::string& t : targets) {
    std::optional<std::string> at = resolve(t);
    if (at) AddWithParents(*at, paths);
  }
  return paths;
}

const std::vector<int>& DefaultCapabilities() {
  static const std::vector<int> kCaps = {
      CAP_CHOWN,   CAP_DAC_OVERRIDE, CAP_FSETID,           CAP_FOWNER,
      CAP_MKNOD,   CAP_NET_RAW,      CAP_SETGID,           CAP_SETUID,
      CAP_SETFCAP, CAP_SETPCAP,      CAP_NET_BIND_SERVICE, CAP_SYS_CHROOT,
      CAP_KILL,    CAP_AUDIT_WRITE};
  return kCaps;
}

std::string LookPath(const std::string& name,
                     const std::vector<std::string>& env) {
  if (name.find('/') != std::string::npos) return name;
  std::string path = kDefaultPath;
  for (const std::string& kv : env) {
    if (kv.rfind("PATH=", 0) == 0) path = kv.substr(5);
  }
  std::stringstream dirs(path);
  std::string dir;
  while (std::getline(dirs, dir, ':')) {
    if (dir.empty()) dir = ".";
    std::string candidate = dir + "/" + name;
    struct stat st;
    if (::stat(candidate.c_str(), &st) == 0 && S_ISREG(st.st_mode) &&
        (st.st_mode & 0111)) {
      return candidate;
    }
  }
  return "";
}

}  // namespace mybuild::executor
