// probe [PATH...]: prints one JSON object describing what this process sees
// and may do: ids, capabilities, seccomp, mounts (and which are read-only),
// hostname, pids, network namespace and interfaces, open descriptors, cwd,
// rlimits, /dev, the generated /etc files, what Docker's masked /proc files
// yield, whether each PATH exists, the errno of calls a sandbox must refuse,
// and the reply of the SSH agent at $SSH_AUTH_SOCK, if set. Placed in test
// images and run as a RUN step; it depends on nothing in the image.
#include <dirent.h>
#include <fcntl.h>
#include <grp.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "testdata/probe/probe_calls.h"

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

// Mount points whose per-mount options say read-only.
json ReadOnlyMounts() {
  json out = json::array();
  for (const std::string& line : Lines("/proc/self/mountinfo")) {
    std::istringstream in(line);
    std::string id, parent, dev, root, point, opts;
    in >> id >> parent >> dev >> root >> point >> opts;
    if (opts == "ro" || opts.rfind("ro,", 0) == 0) out.push_back(point);
  }
  return out;
}

// "name type" for each entry of `dir` (type: d, f, l, c, b, p, s), sorted.
json Listing(const std::string& dir) {
  std::vector<std::string> names = DirNames(dir, false);
  std::sort(names.begin(), names.end());
  json out = json::array();
  for (const std::string& n : names) {
    struct stat st;
    if (::lstat((dir + "/" + n).c_str(), &st) != 0) continue;
    const char* t = S_ISDIR(st.st_mode)   ? "d"
                    : S_ISREG(st.st_mode) ? "f"
                    : S_ISLNK(st.st_mode) ? "l"
                    : S_ISCHR(st.st_mode) ? "c"
                    : S_ISBLK(st.st_mode) ? "b"
                    : S_ISFIFO(st.st_mode) ? "p"
                                           : "s";
    out.push_back(n + " " + t);
  }
  return out;
}

// The first 64 KiB of `path`, or "ERRNO" when it cannot be read.
std::string Head(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return strerrorname_np(errno);
  std::string out(65536, '\0');
  ssize_t n = ::read(fd, out.data(), out.size());
  int err = errno;
  ::close(fd);
  if (n < 0) return strerrorname_np(err);
  out.resize(static_cast<size_t>(n));
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
  j["readonly"] = ReadOnlyMounts();
  char netns[64] = {};
  (void)!::readlink("/proc/self/ns/net", netns, sizeof netns - 1);
  j["netns"] = netns;
  j["interfaces"] = Interfaces();
  j["dev"] = Listing("/dev");
  for (const char* f : {"/etc/hosts", "/etc/resolv.conf", "/etc/hostname",
                        "/proc/kcore", "/proc/keys", "/proc/timer_list"}) {
    j["read"][f] = Head(f);
  }
  if (const char* agent = std::getenv("SSH_AUTH_SOCK")) {
    j["agent"] = probe::AskAgent(agent);
  }
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
  j["calls"] = probe::Calls();
  std::cout << j.dump(-1, ' ', false, json::error_handler_t::replace) << "\n";
  return 0;
}
