// probe [PATH...]: prints one JSON object describing what this process sees
// and may do: ids, capabilities, seccomp, mounts, hostname, pids, network
// interfaces, open descriptors, cwd, rlimits, whether each PATH exists, and
// the errno of calls a sandbox must refuse. Placed in test images and run
// as a RUN step; it depends on nothing in the image.
#include <dirent.h>
#include <fcntl.h>
#include <grp.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

namespace {

using nlohmann::json;

std::vector<std::string> Lines(const std::string& path) {
  std::ifstream in(path);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// "Key:\tvalue" lines of /proc/self/status.
std::string Status(const std::string& key) {
  for (const std::string& line : Lines("/proc/self/status")) {
    if (line.rfind(key + ":", 0) == 0) {
      size_t v = line.find_first_not_of(" \t", key.size() + 1);
      return v == std::string::npos ? "" : line.substr(v);
    }
  }
  return "";
}

std::vector<std::string> DirNames(const std::string& dir, bool numeric_only) {
  std::vector<std::string> names;
  DIR* d = ::opendir(dir.c_str());
  if (!d) return names;
  while (struct dirent* e = ::readdir(d)) {
    std::string n = e->d_name;
    if (n == "." || n == "..") continue;
    if (numeric_only && n.find_first_not_of("0123456789") != std::string::npos)
      continue;
    names.push_back(n);
  }
  ::closedir(d);
  return names;
}

// Mount points and types, in mountinfo order.
json Mounts() {
  json out = json::array();
  for (const std::string& line : Lines("/proc/self/mountinfo")) {
    std::istringstream in(line);
    std::string id, parent, dev, root, point, opts, field;
    in >> id >> parent >> dev >> root >> point >> opts;
    while (in >> field && field != "-") {
    }
    std::string type;
    in >> type;
    out.push_back(point + " " + type);
  }
  return out;
}

json Interfaces() {
  json out = json::array();
  std::vector<std::string> lines = Lines("/proc/net/dev");
  for (size_t i = 2; i < lines.size(); ++i) {
    std::string name = lines[i].substr(0, lines[i].find(':'));
    out.push_back(name.substr(name.find_first_not_of(' ')));
  }
  return out;
}

// Each open descriptor and what it points at (the listing's own fd left out).
json Fds() {
  json out = json::object();
  DIR* d = ::opendir("/proc/self/fd");
  if (!d) return out;
  int self = ::dirfd(d);
  while (struct dirent* e = ::readdir(d)) {
    std::string n = e->d_name;
    if (n == "." || n == ".." || n == std::to_string(self)) continue;
    char target[4096] = {};
    ssize_t len =
        ::readlink(("/proc/self/fd/" + n).c_str(), target, sizeof target - 1);
    out[n] = len > 0 ? std::string(target, len) : "?";
  }
  ::closedir(d);
  return out;
}

std::string Errno(long rc) { return rc >= 0 ? "ok" : strerrorname_np(errno); }

// Tries a mount on a fresh empty directory, undoing it if it worked (so
// the probe is harmless even where it is not confined).
std::string TryMount() {
  char dir[] = "/tmp/probe-mnt-XXXXXX";
  char fallback[] = "/probe-mnt-XXXXXX";
  char* target = ::mkdtemp(dir);
  if (!target) target = ::mkdtemp(fallback);
  if (!target) return "mkdtemp failed";
  long rc = ::mount("none", target, "tmpfs", 0, nullptr);
  std::string result = Errno(rc);
  if (rc == 0) ::umount2(target, MNT_DETACH);
  ::rmdir(target);
  return result;
}

// Calls a sandbox must refuse, and chroot, which Docker allows. The
// unshares come last: where they work they change what the probe sees.
json Calls() {
  json out;
  out["keyctl"] = Errno(::syscall(SYS_keyctl, 0, 0, 0, 0, 0));
  out["mount"] = TryMount();
  out["chroot"] = Errno(::chroot("/nonexistent"));
  out["unshare_mount"] = Errno(::unshare(CLONE_NEWNS));
  out["unshare_user"] = Errno(::unshare(CLONE_NEWUSER));
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  json j;
  uid_t ru, eu, su;
  gid_t rg, eg, sg;
  ::getresuid(&ru, &eu, &su);
  ::getresgid(&rg, &eg, &sg);
  j["uid"] = {ru, eu, su};
  j["gid"] = {rg, eg, sg};
  std::vector<gid_t> groups(::getgroups(0, nullptr));
  groups.resize(::getgroups(groups.size(), groups.data()));
  j["groups"] = groups;
  for (const char* cap : {"CapInh", "CapPrm", "CapEff", "CapBnd", "CapAmb"}) {
    j["caps"][cap] = Status(cap);
  }
  j["seccomp"] = Status("Seccomp");
  j["no_new_privs"] = ::prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0);
  j["pid"] = ::getpid();
  j["pids"] = DirNames("/proc", true);
  char host[256] = {};
  ::gethostname(host, sizeof host - 1);
  j["hostname"] = host;
  j["mounts"] = Mounts();
  j["interfaces"] = Interfaces();
  j["fds"] = Fds();
  char cwd[4096] = {};
  j["cwd"] = ::getcwd(cwd, sizeof cwd) ? cwd : "?";
  struct rlimit nofile;
  ::getrlimit(RLIMIT_NOFILE, &nofile);
  j["nofile"] = {nofile.rlim_cur, nofile.rlim_max};
  for (int i = 1; i < argc; ++i) {
    struct stat st;
    j["exists"][argv[i]] = ::lstat(argv[i], &st) == 0;
  }
  j["calls"] = Calls();
  std::cout << j.dump() << "\n";
  return 0;
}
