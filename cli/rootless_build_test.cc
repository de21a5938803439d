// Rootless builds with real parts (issue 16): a user made by the test, with a
// subordinate id range, builds with mybuild (RUN, COPY --chown, ADD of a tar
// with several owners, FROM a busybox base pulled from a loopback htpasswd
// registry with the user's own ~/.docker/config.json) and pushes; the layers
// equal a root build's exactly. Without a range the error names the fix.
// Also as the user: a fork bomb stops at the step's pids limit (RLIMIT_NPROC
// without a cgroup; a v1 pids cgroup delegated to the user otherwise), the
// fuse-overlayfs fallback, and RUN --mount=type=ssh with the user's agent.
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <functional>
#include <random>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "base/fd.h"
#include "registry/testing/local_registry.h"
#include "registry/testing/subprocess.h"
#include "testdata/fixtures/busybox_rootfs.h"

namespace mybuild::cli {
namespace {

using registry::testing::CommandResult;
using registry::testing::LocalRegistry;
using registry::testing::LocalRegistryOptions;

CommandResult RunTool(const std::vector<std::string>& argv) {
  Expected<CommandResult> r = registry::testing::RunCommand(argv);
  EXPECT_TRUE(r.ok()) << r.status().message();
  return r.ok() ? *r : CommandResult{};
}

std::string Sh(const std::string& script) {
  CommandResult r = RunTool({"sh", "-c", script});
  EXPECT_EQ(r.exit_code, 0) << script << "\n" << r.output;
  return r.output;
}

// A world-readable directory in /tmp (the runfiles and TEST_TMPDIR under
// /root are not readable by other users) holding the binary, the context and
// the user's home; a user named for this run, removed with the directory.
class RootlessBuildTest : public ::testing::Test {
 public:
  void SetUp() override {
    if (::geteuid() != 0) GTEST_SKIP() << "making a user needs root";
    for (const char* tool : {"useradd", "usermod", "userdel", "setpriv", "newuidmap"}) {
      if (!registry::testing::ToolInstalled(tool)) GTEST_SKIP() << tool << " is not installed";
    }
    char tmpl[] = "/tmp/mybuild-rootless-XXXXXX";
    ASSERT_NE(::mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
    ::chmod(dir_.c_str(), 0755);
    std::random_device rd;
    user_ = "mbrl" + std::to_string(::getpid()) + "x" + std::to_string(rd() % 100000);
    home_ = dir_ + "/home";
    // No automatic subordinate range: each test says what the user has.
    CommandResult add = RunTool({"useradd", "-K", "SUB_UID_COUNT=0", "-K", "SUB_GID_COUNT=0",
                             "-M", "-d", home_, "-s", "/bin/sh", user_});
    ASSERT_EQ(add.exit_code, 0) << add.output;
    made_user_ = true;
    Sh("mkdir -p " + home_ + "/run && chmod 0700 " + home_ + "/run && chown -R " + user_ + ": " +
       home_);
    uid_ = Sh("id -u " + user_);
    uid_.pop_back();
    std::filesystem::copy_file(std::filesystem::absolute("cli/mybuild"), Bin());
    ::chmod(Bin().c_str(), 0755);
  }

  void TearDown() override {
    if (made_user_) RunTool({"userdel", "-f", user_});
    if (!agent_pid_.empty()) RunTool({"kill", agent_pid_});
    if (!tun_mode_.empty()) RunTool({"chmod", tun_mode_, "/dev/net/tun"});
    if (!fuse_mode_.empty()) RunTool({"chmod", fuse_mode_, "/dev/fuse"});
    // The delegated cgroup: the step cgroups are gone with the build, the
    // "mybuild" parent and ours (empty once the user's build exited) stay.
    if (!cgroup_dir_.empty()) {
      RunTool({"sh", "-c", "rmdir " + cgroup_dir_ + "/mybuild/* " + cgroup_dir_ + "/mybuild " +
                               cgroup_dir_ + " 2>/dev/null; true"});
    }
    if (!dir_.empty()) RunTool({"rm", "-rf", dir_});
  }

  std::string Bin() const { return dir_ + "/mybuild"; }

  // Runs `mybuild ARGS` as the user, with its own HOME and nothing else of
  // ours (but `env`, NAME=VALUE). `as_root` is shell run first, as root, in
  // the process that then becomes the user ($$).
  CommandResult AsUser(const std::vector<std::string>& args,
                       const std::vector<std::string>& env = {},
                       const std::string& as_root = "true") {
    return AsUserRun(args, env, as_root, {Bin()});
  }
  CommandResult AsUserRun(const std::vector<std::string>& args,
                          const std::vector<std::string>& env, const std::string& as_root,
                          const std::vector<std::string>& program) {
    std::vector<std::string> argv = {"setpriv", "--reuid", user_, "--regid", user_,
                                     "--init-groups", "env", "-i", "HOME=" + home_,
                                     "XDG_RUNTIME_DIR=" + home_ + "/run",
                                     "PATH=/usr/bin:/bin:/usr/sbin:/sbin", "SOURCE_DATE_EPOCH=0"};
    argv.insert(argv.end(), env.begin(), env.end());
    argv.insert(argv.end(), program.begin(), program.end());
    argv.insert(argv.end(), args.begin(), args.end());
    // A working directory the user may enter.
    argv.insert(argv.begin(),
                {"sh", "-c", "(" + as_root + ") && cd " + dir_ + " && exec \"$@\"", "sh"});
    return RunTool(argv);
  }
  // The same as root, with the same HOME (so the same credentials).
  CommandResult AsRoot(const std::vector<std::string>& args) {
    std::vector<std::string> argv = {"env", "HOME=" + home_, "SOURCE_DATE_EPOCH=0", Bin()};
    argv.insert(argv.end(), args.begin(), args.end());
    return RunTool(argv);
  }

  // The default RUN network (slirp4netns) opens /dev/net/tun as the user,
  // fuse-overlayfs /dev/fuse: Debian's udev makes both 0666; a host that
  // has them 0600 gets them for the test (the old mode into `saved`).
  void OpenDevice(const std::string& path, std::string& saved) {
    struct stat st;
    if (::stat(path.c_str(), &st) == 0 && (st.st_mode & 0006) != 0006) {
      char mode[8];
      std::snprintf(mode, sizeof mode, "%o", st.st_mode & 07777);
      saved = mode;
      Sh("chmod 0666 " + path);
    }
  }
  void OpenTun() { OpenDevice("/dev/net/tun", tun_mode_); }

  // A subordinate range of its own, far from the usual 100000.
  void GiveRange() {
    const std::string start = std::to_string(400000 + (::getpid() % 50) * 65536);
    const std::string range = start + "-" + std::to_string(std::stoul(start) + 65535);
    Sh("usermod --add-subuids " + range + " --add-subgids " + range + " " + user_);
  }

  // dir_/ctx: a busybox root and `dockerfile` after "FROM scratch\nCOPY
  // rootfs/ /\n" (so its own lines start at 3), readable by the user.
  bool BusyboxContext(const std::string& dockerfile) {
    Status bb = testing::MakeBusyboxRootfs(dir_ + "/ctx/rootfs");
    if (bb.code() == ErrorCode::kNotFound) return false;
    EXPECT_TRUE(bb.ok()) << bb.message();
    EXPECT_TRUE(
        WriteFileAtomic(dir_ + "/ctx/Dockerfile", "FROM scratch\nCOPY rootfs/ /\n" + dockerfile)
            .ok());
    Sh("chmod -R a+rX " + dir_ + "/ctx");
    return true;
  }

  std::string dir_, home_, user_, uid_, tun_mode_, fuse_mode_, cgroup_dir_, agent_pid_;
  bool made_user_ = false;
};

TEST_F(RootlessBuildTest, MissingSubuidRangeNamesUsermod) {
  CommandResult r = AsUser({"images"});
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_EQ(r.output, "mybuild: rootless: user " + user_ +
                          " has no subordinate uid range in /etc/subuid; as root run "
                          "`usermod --add-subuids 100000-165535 --add-subgids 100000-165535 " +
                          user_ + "`\n");
}

TEST_F(RootlessBuildTest, SameLayersAsRootAndPushesWithTheUsersCredentials) {
  MYBUILD_REQUIRE_DOCKER_REGISTRY();
  if (!registry::testing::ToolInstalled("skopeo")) GTEST_SKIP() << "skopeo is not installed";
  Status bb = testing::MakeBusyboxRootfs(dir_ + "/base/rootfs");
  if (bb.code() == ErrorCode::kNotFound) GTEST_SKIP() << bb.message();
  ASSERT_TRUE(bb.ok()) << bb.message();
  GiveRange();
  OpenTun();

  LocalRegistryOptions opts;
  opts.user = "alice";
  opts.password = "s3cret";
  auto reg = LocalRegistry::Start(opts);
  ASSERT_TRUE(reg.ok()) << reg.status().message();
  const std::string host = (*reg)->host();
  // The user's own credentials (alice:s3cret), found through HOME.
  Sh("mkdir -p " + home_ + "/.docker && printf '%s' '{\"auths\":{\"" + host +
     "\":{\"auth\":\"YWxpY2U6czNjcmV0\"}}}' > " + home_ + "/.docker/config.json && chown -R " +
     user_ + ": " + home_ + "/.docker");

  // The busybox base, built and pushed by root.
  ASSERT_TRUE(WriteFileAtomic(dir_ + "/base/Dockerfile", "FROM scratch\nCOPY rootfs/ /\n").ok());
  CommandResult base = AsRoot({"build", "--root", dir_ + "/rootstore", "--progress", "quiet",
                               "-t", host + "/busybox:1", "--push", dir_ + "/base"});
  ASSERT_EQ(base.exit_code, 0) << base.output;

  // The context: a tar whose files have three owners, a file for --chown.
  const std::string ctx = dir_ + "/ctx";
  Sh("mkdir -p " + ctx + " " + dir_ + "/tarsrc/a && cd " + dir_ + "/tarsrc && "
     "echo zero > a/f0 && echo one > a/f1 && echo two > a/f2 && "
     "chown 1000:1000 a/f1 && chown 33:44 a/f2 && chown 0:0 a/f0 && "
     "tar --numeric-owner -cf " + ctx + "/owners.tar a && echo hello > " + ctx + "/hello.txt");
  ASSERT_TRUE(WriteFileAtomic(
                  ctx + "/Dockerfile",
                  "FROM " + host + "/busybox:1 AS tools\n"
                  "RUN mkdir /built && echo made > /built/x && chown 5:6 /built/x\n"
                  "FROM " + host + "/busybox:1\n"
                  "RUN echo hi > /greeting && mkdir /data && chown 1:2 /data && "
                  "chmod 750 /data && rm -rf /tmp && mkdir -m 1777 /tmp\n"
                  "COPY --chown=1000:1000 hello.txt /home/hello.txt\n"
                  "ADD owners.tar /opt/\n"
                  "COPY --from=tools /built /copied\n"
                  "RUN --mount=type=cache,target=/cache --mount=type=secret,id=s "
                  "echo run >> /cache/log && test \"$(cat /run/secrets/s)\" = s3 && "
                  "stat -c '%n %u:%g' /opt/a/f0 /opt/a/f1 /opt/a/f2 /home/hello.txt /data "
                  "/copied/x > /listing && "
                  "grep -E '^(CapEff|Seccomp):' /proc/self/status >> /listing\n")
                  .ok());
  Sh("chmod -R a+rX " + dir_ + "/ctx && echo s3 > " + dir_ + "/secret && chmod 0644 " + dir_ +
     "/secret");
  const std::string secret = "id=s,src=" + dir_ + "/secret";

  CommandResult user_build = AsUser({"build", "--progress", "quiet", "--secret", secret, "-t",
                                     host + "/app:rootless", "--push", ctx});
  ASSERT_EQ(user_build.exit_code, 0) << user_build.output;
  // The state is the user's own, in ~/.local/share/mybuild.
  struct stat st;
  ASSERT_EQ(::stat((home_ + "/.local/share/mybuild").c_str(), &st), 0);
  EXPECT_EQ(std::to_string(st.st_uid), uid_);
  CommandResult root_build = AsRoot({"build", "--root", dir_ + "/rootstore", "--progress",
                                     "quiet", "--secret", secret, "-t", host + "/app:root", "--push",
                                     ctx});
  ASSERT_EQ(root_build.exit_code, 0) << root_build.output;

  // What the registry holds, read back by skopeo: the same layers, exactly.
  auto layers = [&](const std::string& tag) {
    CommandResult r = RunTool({"skopeo", "inspect", "--tls-verify=false", "--creds", "alice:s3cret",
                           "--format", "{{.Layers}}", "docker://" + host + "/app:" + tag});
    EXPECT_EQ(r.exit_code, 0) << r.output;
    return r.output;
  };
  std::string rootless_layers = layers("rootless");
  EXPECT_NE(rootless_layers.find("sha256:"), std::string::npos) << rootless_layers;
  EXPECT_EQ(rootless_layers, layers("root"));
  // The uncompressed layers (diff_ids) too, from each store.
  auto diff_ids = [](const CommandResult& r) {
    size_t at = r.output.find("\"diff_ids\"");
    return at == std::string::npos ? std::string() : r.output.substr(at, r.output.find(']', at) - at);
  };
  CommandResult user_inspect = AsUser({"inspect", host + "/app:rootless"});
  CommandResult root_inspect = AsRoot({"inspect", "--root", dir_ + "/rootstore", host + "/app:root"});
  ASSERT_NE(diff_ids(user_inspect), "") << user_inspect.output;
  EXPECT_EQ(diff_ids(user_inspect), diff_ids(root_inspect));

  // The owners inside are the image's, as the RUN step saw them (stat in
  // the user namespace), written out by the user with -o type=local.
  CommandResult out = AsUser({"build", "--progress", "quiet", "--secret", secret, "-o",
                              "type=local,dest=" + home_ + "/out", ctx});
  ASSERT_EQ(out.exit_code, 0) << out.output;
  Expected<std::string> listing = ReadFile(home_ + "/out/listing");
  ASSERT_TRUE(listing.ok()) << listing.status().message();
  EXPECT_EQ(*listing,
            "/opt/a/f0 0:0\n/opt/a/f1 1000:1000\n/opt/a/f2 33:44\n"
            "/home/hello.txt 1000:1000\n/data 1:2\n/copied/x 5:6\n"
            // Docker's default capabilities and seccomp, inside the namespace.
            "CapEff:\t00000000a80425fb\nSeccomp:\t2\n");
}

// The fuse-overlayfs fallback (for kernels that refuse overlay in a user
// namespace), forced: RUN writes, deletes a file of the base and replaces a
// directory; the image holds exactly that. As root, and as the user (in its
// user namespace, /dev/fuse opened to it for the run).
void ExpectFuseOverlayfsBuild(RootlessBuildTest& t, const std::string& out,
                              const std::function<CommandResult()>& build) {
  Sh("mkdir -p " + t.dir_ + "/ctx/rootfs/old && echo x > " + t.dir_ +
     "/ctx/rootfs/old/x && echo y > " + t.dir_ + "/ctx/rootfs/gone && chmod -R a+rX " + t.dir_ +
     "/ctx");
  CommandResult r = build();
  ASSERT_EQ(r.exit_code, 0) << r.output;
  Expected<std::string> listing = ReadFile(out + "/listing");
  ASSERT_TRUE(listing.ok()) << listing.status().message();
  // The step's root was fuse-overlayfs' mount, not the kernel's overlay.
  EXPECT_EQ(*listing, "n\n7:8\n0\nfuse.fuse-overlayfs\n");
  EXPECT_FALSE(std::filesystem::exists(out + "/gone"));
  EXPECT_FALSE(std::filesystem::exists(out + "/old/x"));
}

constexpr char kFuseSteps[] =
    "RUN echo hi > /greeting && rm /gone && rm -rf /old && mkdir /old && "
    "echo new > /old/n && chown 7:8 /old/n\n"
    "RUN ls -A /old > /listing && stat -c '%u:%g' /old/n >> /listing && "
    "(ls / | grep -c '^gone$' >> /listing || true) && "
    "awk '$2 == \"/\" { print $3 }' /proc/self/mounts >> /listing\n";

TEST_F(RootlessBuildTest, FuseOverlayfsFallbackWhenForced) {
  if (!registry::testing::ToolInstalled("/usr/bin/fuse-overlayfs")) {
    GTEST_SKIP() << "fuse-overlayfs is not installed";
  }
  if (!BusyboxContext(kFuseSteps)) GTEST_SKIP() << "no busybox";
  ExpectFuseOverlayfsBuild(*this, dir_ + "/out", [&] {
    return RunTool({"env", "MYBUILD_FORCE_FUSE_OVERLAYFS=1", Bin(), "build", "--root",
                    dir_ + "/store", "--progress", "plain", "-o",
                    "type=local,dest=" + dir_ + "/out", dir_ + "/ctx"});
  });
}

TEST_F(RootlessBuildTest, FuseOverlayfsFallbackAsTheUser) {
  if (!registry::testing::ToolInstalled("/usr/bin/fuse-overlayfs")) {
    GTEST_SKIP() << "fuse-overlayfs is not installed";
  }
  if (!BusyboxContext(kFuseSteps)) GTEST_SKIP() << "no busybox";
  GiveRange();
  OpenTun();
  OpenDevice("/dev/fuse", fuse_mode_);
  ExpectFuseOverlayfsBuild(*this, home_ + "/out", [&] {
    return AsUser({"build", "--progress", "plain", "-o", "type=local,dest=" + home_ + "/out",
                   dir_ + "/ctx"},
                  {"MYBUILD_FORCE_FUSE_OVERLAYFS=1"});
  });
}

// A rootless RUN is bounded without a cgroup: on this kind of host (cgroup
// v1, nothing delegated) by RLIMIT_NPROC. Twenty processes run; a fork bomb
// (capped by the test too: 200 processes at most, each gone after 5s, and
// the user's own RLIMIT_NPROC of 1000) stops at the step's limit and says so
// at its line.
constexpr char kBomb[] = "i=0; while [ $i -lt 200 ]; do sleep 5 & i=$((i+1)); done";
constexpr char kBoundedSteps[] =
    "RUN --network=none grep :pids: /proc/self/cgroup; i=0; while [ $i -lt 20 ]; do "
    "sleep 1 & i=$((i+1)); done; wait; echo twenty ran\n"
    "RUN --network=none i=0; while [ $i -lt 200 ]; do sleep 5 & i=$((i+1)); done\n";

std::string BombFailure() {
  return "/Dockerfile:4: process \"/bin/sh -c " + std::string(kBomb) +
         "\" did not complete successfully: exit code: 2: the step hit its pids limit (32 "
         "processes; --pids-limit raises it)\n";
}

TEST_F(RootlessBuildTest, ForkBombStopsAtTheRlimitNprocWithoutACgroup) {
  if (!BusyboxContext(kBoundedSteps)) GTEST_SKIP() << "no busybox";
  GiveRange();
  CommandResult r = AsUserRun({"build", "--progress", "plain", "--pids-limit", "32", dir_ + "/ctx"},
                              {}, "true", {"prlimit", "--nproc=1000:1000", Bin()});
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_NE(r.output.find("twenty ran"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("mybuild: " + dir_ + "/ctx" + BombFailure()), std::string::npos)
      << r.output;
  EXPECT_NE(r.output.find("; cgroups are not delegated to this user), so their pids limit is an "
                          "RLIMIT_NPROC and --memory and --cpus are not available\n"),
            std::string::npos)
      << r.output;
}

// Where an admin delegated a v1 pids cgroup to the user (the directory
// chowned to it, its shell moved in), each rootless RUN gets a step cgroup
// under it, and the fork bomb stops at its pids.max.
TEST_F(RootlessBuildTest, ADelegatedPidsCgroupBoundsTheRootlessRun) {
  struct stat st;
  if (::stat("/sys/fs/cgroup/pids/tasks", &st) != 0) GTEST_SKIP() << "no cgroup v1 pids";
  if (!BusyboxContext(kBoundedSteps)) GTEST_SKIP() << "no busybox";
  GiveRange();
  const std::string name = "mybuild-test-" + user_;
  cgroup_dir_ = "/sys/fs/cgroup/pids/" + name;
  Sh("mkdir " + cgroup_dir_ + " && chown -R " + user_ + ": " + cgroup_dir_);
  CommandResult r =
      AsUserRun({"build", "--progress", "plain", "--pids-limit", "32", dir_ + "/ctx"}, {},
                "echo $$ > " + cgroup_dir_ + "/tasks", {"prlimit", "--nproc=1000:1000", Bin()});
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_NE(r.output.find(":pids:/" + name + "/mybuild/"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("twenty ran"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("mybuild: " + dir_ + "/ctx" + BombFailure()), std::string::npos)
      << r.output;
  EXPECT_EQ(r.output.find("warning"), std::string::npos) << r.output;
  // The step cgroups were the user's, and are gone.
  ASSERT_EQ(::stat((cgroup_dir_ + "/mybuild").c_str(), &st), 0);
  EXPECT_EQ(std::to_string(st.st_uid), uid_);
  CommandResult left =
      RunTool({"sh", "-c", "ls " + cgroup_dir_ + "/mybuild | grep -c -- - || true"});
  EXPECT_EQ(left.output, "0\n");
}

// RUN --mount=type=ssh as the user: its own ssh-agent (holding a key made
// here) answers the probe's request for identities through the step's socket.
TEST_F(RootlessBuildTest, SshMountForwardsTheUsersAgent) {
  for (const char* tool : {"ssh-agent", "ssh-add", "ssh-keygen"}) {
    if (!registry::testing::ToolInstalled(tool)) GTEST_SKIP() << tool << " is not installed";
  }
  if (!BusyboxContext("COPY probe /probe\n"
                      "RUN --network=none --mount=type=ssh /probe > /probe.json\n")) {
    GTEST_SKIP() << "no busybox";
  }
  std::filesystem::copy_file(std::filesystem::absolute("testdata/probe/probe"),
                             dir_ + "/ctx/probe");
  Sh("chmod 0755 " + dir_ + "/ctx/probe");
  GiveRange();
  const std::string sock = home_ + "/run/agent.sock";
  CommandResult agent = AsUserRun({}, {}, "true", {"ssh-agent", "-a", sock});
  ASSERT_EQ(agent.exit_code, 0) << agent.output;
  size_t at = agent.output.find("SSH_AGENT_PID=");
  ASSERT_NE(at, std::string::npos) << agent.output;
  agent_pid_ = agent.output.substr(at + 14, agent.output.find(';', at) - at - 14);
  CommandResult key = AsUserRun({}, {"SSH_AUTH_SOCK=" + sock}, "true",
                                {"sh", "-c", "ssh-keygen -q -t ed25519 -N '' -C rootless-key -f " +
                                                 home_ + "/key && ssh-add " + home_ + "/key"});
  ASSERT_EQ(key.exit_code, 0) << key.output;
  CommandResult r = AsUser({"build", "--progress", "quiet", "--ssh", "default=" + sock, "-o",
                            "type=local,dest=" + home_ + "/out", dir_ + "/ctx"});
  ASSERT_EQ(r.exit_code, 0) << r.output;
  Expected<std::string> text = ReadFile(home_ + "/out/probe.json");
  ASSERT_TRUE(text.ok()) << text.status().message();
  nlohmann::json j = nlohmann::json::parse(*text, nullptr, false);
  ASSERT_TRUE(j.contains("agent")) << *text;
  const std::string reply = j["agent"].get<std::string>();
  // SSH2_AGENT_IDENTITIES_ANSWER (12) with one key, whose comment is ours.
  ASSERT_GT(reply.size(), 9u) << *text;
  EXPECT_EQ(reply[4], '\x0c');
  EXPECT_EQ(reply.substr(5, 4), std::string("\0\0\0\1", 4));
  EXPECT_NE(reply.find("rootless-key"), std::string::npos) << *text;
}

}  // namespace
}  // namespace mybuild::cli
