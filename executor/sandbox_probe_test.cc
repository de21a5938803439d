// Isolation seen from inside: the static probe (testdata/probe) runs as the
// step's command and reports what it can see and do.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <sstream>

#include "base/fd.h"
#include "executor/etc_files.h"
#include "executor/run_network.h"
#include "executor/sandbox_test_fixture.h"

namespace mybuild::executor {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// Docker's 14 default capabilities as /proc/self/status shows them.
constexpr char kDockerCaps[] = "00000000a80425fb";

class SandboxProbeTest : public testing::SandboxFixture {
 protected:
  void SetUp() override {
    SandboxFixture::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    fs::copy_file("testdata/probe/probe", P("lower/probe"));
    ASSERT_TRUE(WriteFileAtomic(P("host-secret"), "host only\n").ok());
  }

  SandboxSpec Spec() {
    SandboxSpec s = SandboxFixture::Spec("");
    s.argv = {"/probe", P("host-secret"), dir_->path(), "/probe"};
    s.env.clear();
    return s;
  }

  json Probe(const SandboxSpec& spec) {
    std::string out;
    auto r = RunInSandbox(spec, [&](std::string_view c) { out.append(c); });
    EXPECT_TRUE(r.ok()) << r.status().message();
    EXPECT_TRUE(r.ok() && r->success()) << out;
    json j = json::parse(out, nullptr, false);
    EXPECT_FALSE(j.is_discarded()) << out;
    return j;
  }
};

// The mount points a step should see: its root, /proc with Docker's masked
// and read-only paths (those this kernel has), /dev, /sys, the /etc files.
std::vector<std::string> ExpectedMountPoints() {
  std::vector<std::string> points = {"/", "/proc"};
  auto add_existing = [&](const std::string& dir,
                          std::initializer_list<const char*> names) {
    for (const char* n : names) {
      if (fs::exists(dir + "/" + n)) points.push_back(dir + "/" + n);
    }
  };
  add_existing("/proc", {"kcore", "keys", "latency_stats", "timer_list",
                         "timer_stats", "sched_debug", "acpi", "asound", "scsi",
                         "bus", "fs", "irq", "sys", "sysrq-trigger"});
  for (const char* p :
       {"/dev", "/dev/null", "/dev/zero", "/dev/full", "/dev/random",
        "/dev/urandom", "/dev/tty", "/dev/pts", "/dev/shm", "/sys"}) {
    points.push_back(p);
  }
  add_existing("/sys", {"firmware", "devices/virtual/powercap"});
  for (const char* p : {"/etc/hosts", "/etc/resolv.conf", "/etc/hostname"}) {
    points.push_back(p);
  }
  return points;
}

std::vector<std::string> MountPoints(const json& probe) {
  std::vector<std::string> points;
  for (const auto& m : probe["mounts"]) {
    std::string s = m;
    points.push_back(s.substr(0, s.find(' ')));
  }
  return points;
}

TEST_F(SandboxProbeTest, RootSeesOnlyItsOwnWorld) {
  json j = Probe(Spec());
  EXPECT_EQ(j["uid"], json({0, 0, 0}));
  EXPECT_EQ(j["gid"], json({0, 0, 0}));
  EXPECT_EQ(j["groups"], json::array());
  EXPECT_EQ(j["caps"], json({{"CapInh", "0000000000000000"},
                             {"CapPrm", kDockerCaps},
                             {"CapEff", kDockerCaps},
                             {"CapBnd", kDockerCaps},
                             {"CapAmb", "0000000000000000"}}));
  EXPECT_EQ(j["seccomp"], "2");
  EXPECT_EQ(j["no_new_privs"], 0);  // Docker leaves it off
  EXPECT_EQ(j["pid"], 1);
  EXPECT_EQ(j["pids"], json({"1"}));  // no host process is visible
  EXPECT_EQ(j["hostname"], "mybuild");
  EXPECT_EQ(j["cwd"], "/");
  // No host file: neither the test's directory nor a file in it.
  EXPECT_EQ(j["exists"], json({{P("host-secret"), false},
                               {dir_->path(), false},
                               {"/probe", true}}));
  EXPECT_EQ(MountPoints(j), ExpectedMountPoints()) << j["mounts"].dump();
  EXPECT_EQ(j["mounts"][0], "/ overlay");
  EXPECT_EQ(j["calls"], json({{"keyctl", "EPERM"},
                              {"mount", "EPERM"},
                              {"ptrace_other_user", "EPERM"},
                              {"write_proc_sys", "EROFS"},
                              {"mkdir_sys", "EROFS"},
                              // Made, as Docker allows, but of no use.
                              {"device_in_root", "EACCES"},
                              {"device_in_dev", "EACCES"},
                              {"chroot", "ENOENT"},  // allowed, as in Docker
                              {"unshare_mount", "EPERM"},
                              {"unshare_user", "EPERM"}}));
}

// Docker's read-only paths (those this kernel has), then /sys and the
// generated /etc files, in mount order.
std::vector<std::string> ExpectedReadOnly() {
  std::vector<std::string> ro;
  for (const char* p :
       {"acpi", "asound", "scsi", "bus", "fs", "irq", "sys", "sysrq-trigger"}) {
    if (fs::exists(std::string("/proc/") + p))
      ro.push_back(std::string("/proc/") + p);
  }
  ro.push_back("/sys");
  for (const char* p : {"firmware", "devices/virtual/powercap"}) {
    if (fs::exists(std::string("/sys/") + p))
      ro.push_back(std::string("/sys/") + p);
  }
  for (const char* p : {"/etc/hosts", "/etc/resolv.conf", "/etc/hostname"}) {
    ro.push_back(p);
  }
  return ro;
}

TEST_F(SandboxProbeTest, ProcSysDevAndEtcAreDockers) {
  json j = Probe(Spec());
  EXPECT_EQ(j["readonly"], json(ExpectedReadOnly())) << j["mounts"].dump();
  // /dev holds the devices Docker gives, and no host device.
  EXPECT_EQ(j["dev"], json({"fd l", "full c", "null c", "ptmx l", "pts d",
                            "random c", "shm d", "stderr l", "stdin l",
                            "stdout l", "tty c", "urandom c", "zero c"}));
  // Masked /proc files read as empty.
  for (const char* f : {"/proc/kcore", "/proc/keys", "/proc/timer_list"}) {
    if (fs::exists(f)) {
      EXPECT_EQ(j["read"][f], "") << f;
    }
  }
  EXPECT_EQ(j["read"]["/etc/hostname"], "mybuild\n");
  EXPECT_EQ(j["read"]["/etc/hosts"],
            "127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost "
            "ip6-loopback\n");
  // The host's resolvers, loopback ones replaced by slirp4netns's.
  EXPECT_EQ(j["read"]["/etc/resolv.conf"],
            PrivateResolvConf(*ReadFile("/etc/resolv.conf"), "10.0.2.3"));
}

TEST_F(SandboxProbeTest, NoBuilderFdIsOpen) {
  // Descriptors the builder holds, with and without close-on-exec.
  UniqueFd dir(::open("/", O_PATH | O_DIRECTORY));
  UniqueFd file(::open("/etc/hostname", O_RDONLY | O_CLOEXEC));
  ASSERT_TRUE(dir.valid() && file.valid());
  json j = Probe(Spec());
  ASSERT_EQ(j["fds"].size(), 3u) << j["fds"].dump();
  EXPECT_EQ(j["fds"]["0"], "/dev/null");
  std::string out = j["fds"]["1"];
  EXPECT_EQ(out.rfind("pipe:[", 0), 0u) << out;
  EXPECT_EQ(j["fds"]["2"], out);
}

// The interface names of /proc/net/dev, in its order.
json HostInterfaces() {
  json out = json::array();
  std::istringstream in(*ReadFile("/proc/net/dev"));
  std::string line;
  for (int i = 0; std::getline(in, line); ++i) {
    if (i < 2) continue;
    std::string name = line.substr(0, line.find(':'));
    out.push_back(name.substr(name.find_first_not_of(' ')));
  }
  return out;
}

TEST_F(SandboxProbeTest, NetworkIsPrivateByDefault) {
  json j = Probe(Spec());
  EXPECT_NE(j["netns"], fs::read_symlink("/proc/self/ns/net").string());
  EXPECT_NE(j["netns"], "");
  EXPECT_EQ(j["interfaces"], json({"lo", "tap0"}));
}

TEST_F(SandboxProbeTest, NetworkHostIsTheHosts) {
  SandboxSpec spec = Spec();
  spec.network = NetworkMode::kHost;
  json j = Probe(spec);
  EXPECT_EQ(j["netns"], fs::read_symlink("/proc/self/ns/net").string());
  EXPECT_EQ(j["interfaces"], HostInterfaces());
  EXPECT_EQ(j["read"]["/etc/resolv.conf"], *ReadFile("/etc/resolv.conf"));
}

TEST_F(SandboxProbeTest, NetworkNoneHasOnlyLoopback) {
  SandboxSpec spec = Spec();
  spec.network = NetworkMode::kNone;
  json j = Probe(spec);
  EXPECT_EQ(j["interfaces"], json({"lo"}));
  EXPECT_NE(j["netns"], fs::read_symlink("/proc/self/ns/net").string());
  EXPECT_NE(j["netns"], "");
  EXPECT_EQ(j["read"]["/etc/resolv.conf"], "");  // no resolver to reach
}

TEST_F(SandboxProbeTest, OtherUserHasNoCapabilities) {
  SandboxSpec spec = Spec();
  spec.uid = 65534;
  spec.gid = 65533;
  spec.supplementary_gids = {65533, 10};
  json j = Probe(spec);
  EXPECT_EQ(j["uid"], json({65534, 65534, 65534}));
  EXPECT_EQ(j["gid"], json({65533, 65533, 65533}));
  EXPECT_EQ(j["groups"], json({10, 65533}));  // the kernel sorts them
  EXPECT_EQ(j["caps"], json({{"CapInh", "0000000000000000"},
                             {"CapPrm", "0000000000000000"},
                             {"CapEff", "0000000000000000"},
                             {"CapBnd", kDockerCaps},
                             {"CapAmb", "0000000000000000"}}));
  EXPECT_EQ(j["seccomp"], "2");
  EXPECT_EQ(j["calls"]["keyctl"], "EPERM");
  EXPECT_EQ(j["calls"]["mount"], "EPERM");
  EXPECT_EQ(j["calls"]["unshare_user"], "EPERM");
}

}  // namespace
}  // namespace mybuild::executor
