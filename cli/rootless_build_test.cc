// Rootless builds with real parts (issue 16): a user made by the test, with a
// subordinate id range, builds with mybuild (RUN, COPY --chown, ADD of a tar
// with several owners, FROM a busybox base pulled from a loopback htpasswd
// registry with the user's own ~/.docker/config.json) and pushes; the layers
// equal a root build's exactly. Without a range the error names the fix.
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <random>

#include <gtest/gtest.h>

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
 protected:
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
    if (!tun_mode_.empty()) RunTool({"chmod", tun_mode_, "/dev/net/tun"});
    if (!dir_.empty()) RunTool({"rm", "-rf", dir_});
  }

  std::string Bin() const { return dir_ + "/mybuild"; }

  // Runs `mybuild ARGS` as the user, with its own HOME and nothing else of ours.
  CommandResult AsUser(const std::vector<std::string>& args) {
    std::vector<std::string> argv = {"setpriv", "--reuid", user_, "--regid", user_,
                                     "--init-groups", "env", "-i", "HOME=" + home_,
                                     "XDG_RUNTIME_DIR=" + home_ + "/run",
                                     "PATH=/usr/bin:/bin:/usr/sbin:/sbin", "SOURCE_DATE_EPOCH=0",
                                     Bin()};
    argv.insert(argv.end(), args.begin(), args.end());
    // A working directory the user may enter.
    argv.insert(argv.begin(), {"sh", "-c", "cd " + dir_ + " && exec \"$@\"", "sh"});
    return RunTool(argv);
  }
  // The same as root, with the same HOME (so the same credentials).
  CommandResult AsRoot(const std::vector<std::string>& args) {
    std::vector<std::string> argv = {"env", "HOME=" + home_, "SOURCE_DATE_EPOCH=0", Bin()};
    argv.insert(argv.end(), args.begin(), args.end());
    return RunTool(argv);
  }

  // The default RUN network (slirp4netns) opens /dev/net/tun as the user:
  // Debian's udev makes it 0666; a host that has it 0600 gets it for the test.
  void OpenTun() {
    struct stat st;
    if (::stat("/dev/net/tun", &st) == 0 && (st.st_mode & 0006) != 0006) {
      char mode[8];
      std::snprintf(mode, sizeof mode, "%o", st.st_mode & 07777);
      tun_mode_ = mode;
      Sh("chmod 0666 /dev/net/tun");
    }
  }

  std::string dir_, home_, user_, uid_, tun_mode_;
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
  // A range of its own, far from the usual 100000.
  const std::string start = std::to_string(400000 + (::getpid() % 50) * 65536);
  const std::string range = start + "-" + std::to_string(std::stoul(start) + 65535);
  Sh("usermod --add-subuids " + range + " --add-subgids " + range + " " + user_);
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
// namespace), forced here as root: RUN writes, deletes a file of the base and
// replaces a directory; the image holds exactly that.
TEST_F(RootlessBuildTest, FuseOverlayfsFallbackWhenForced) {
  if (!registry::testing::ToolInstalled("/usr/bin/fuse-overlayfs")) {
    GTEST_SKIP() << "fuse-overlayfs is not installed";
  }
  Status bb = testing::MakeBusyboxRootfs(dir_ + "/ctx/rootfs");
  if (bb.code() == ErrorCode::kNotFound) GTEST_SKIP() << bb.message();
  ASSERT_TRUE(bb.ok()) << bb.message();
  Sh("mkdir -p " + dir_ + "/ctx/rootfs/old && echo x > " + dir_ + "/ctx/rootfs/old/x && echo y > " +
     dir_ + "/ctx/rootfs/gone");
  ASSERT_TRUE(WriteFileAtomic(dir_ + "/ctx/Dockerfile",
                              "FROM scratch\nCOPY rootfs/ /\n"
                              "RUN echo hi > /greeting && rm /gone && rm -rf /old && mkdir /old && "
                              "echo new > /old/n && chown 7:8 /old/n\n"
                              "RUN ls -A /old > /listing && stat -c '%u:%g' /old/n >> /listing && "
                              "(ls / | grep -c '^gone$' >> /listing || true) && "
                              "awk '$2 == \"/\" { print $3 }' /proc/self/mounts >> /listing\n")
                  .ok());
  CommandResult r = RunTool({"env", "MYBUILD_FORCE_FUSE_OVERLAYFS=1", Bin(), "build", "--root",
                             dir_ + "/store", "--progress", "plain", "-o",
                             "type=local,dest=" + dir_ + "/out", dir_ + "/ctx"});
  ASSERT_EQ(r.exit_code, 0) << r.output;
  Expected<std::string> listing = ReadFile(dir_ + "/out/listing");
  ASSERT_TRUE(listing.ok()) << listing.status().message();
  // The step's root was fuse-overlayfs' mount, not the kernel's overlay.
  EXPECT_EQ(*listing, "n\n7:8\n0\nfuse.fuse-overlayfs\n");
  EXPECT_FALSE(std::filesystem::exists(dir_ + "/out/gone"));
  EXPECT_FALSE(std::filesystem::exists(dir_ + "/out/old/x"));
}

}  // namespace
}  // namespace mybuild::cli
