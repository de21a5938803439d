#include "executor/sandbox_spec.h"

#include <linux/capability.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sstream>

namespace mybuild::executor {
namespace {

bool Absolute(const std::string& p) { return !p.empty() && p[0] == '/'; }

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
  return Status::Ok();
}

std::string OverlayMountData(const SandboxSpec& spec,
                             const std::string& empty_lower) {
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

const std::vector<std::string>& MountStubPaths() {
  static const std::vector<std::string> kPaths = {
      "proc",        "dev", "sys", "etc", "etc/hosts", "etc/resolv.conf",
      "etc/hostname"};
  return kPaths;
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
