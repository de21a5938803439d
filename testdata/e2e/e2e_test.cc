// End to end through real parts: Debian's docker-registry, the mybuild
// binary, skopeo, umoci and runc. Builds a busybox base image, pushes it,
// builds testdata/e2e/hello FROM it, pushes that, and checks the result with
// tools we did not write.
#include <unistd.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include <gtest/gtest.h>

#include "base/fd.h"
#include "base/temp_dir.h"
#include "registry/testing/local_registry.h"
#include "registry/testing/subprocess.h"
#include "testdata/fixtures/busybox_rootfs.h"

namespace mybuild {
namespace {

namespace fs = std::filesystem;
using registry::testing::RunCommand;
using registry::testing::ToolInstalled;

class EndToEndTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (::geteuid() != 0) GTEST_SKIP() << "needs root";
    for (const char* tool : {"skopeo", "umoci", "runc", "docker-registry"}) {
      if (!ToolInstalled(tool)) GTEST_SKIP() << tool << " is not installed";
    }
    auto dir = TempDir::Create();
    ASSERT_TRUE(dir.ok());
    dir_ = std::make_unique<TempDir>(std::move(*dir));
    auto reg = registry::testing::LocalRegistry::Start();
    ASSERT_TRUE(reg.ok()) << reg.status().message();
    registry_ = std::move(*reg);
    mybuild_ = fs::absolute("cli/mybuild").string();
  }

  std::string P(const std::string& p) { return dir_->path() + "/" + p; }

  // Runs mybuild with its state under the test's directory.
  registry::testing::CommandResult Mybuild(std::vector<std::string> args) {
    args.insert(args.begin(), mybuild_);
    args.insert(args.begin() + 2, {"--root", P("state")});
    auto r = RunCommand(args);
    EXPECT_TRUE(r.ok()) << r.status().message();
    return r.ok() ? *r : registry::testing::CommandResult{};
  }

  registry::testing::CommandResult Run(const std::vector<std::string>& argv) {
    auto r = RunCommand(argv);
    EXPECT_TRUE(r.ok()) << r.status().message();
    return r.ok() ? *r : registry::testing::CommandResult{};
  }

  // The busybox base image, built FROM scratch and pushed.
  std::string PushBusybox() {
    EXPECT_TRUE(MakeDirs(P("base/rootfs")).ok());
    EXPECT_TRUE(mybuild::testing::MakeBusyboxRootfs(P("base/rootfs")).ok());
    EXPECT_TRUE(WriteFileAtomic(P("base/Dockerfile"),
                                "FROM scratch\nCOPY rootfs/ /\nCMD [\"sh\"]\n").ok());
    std::string ref = registry_->host() + "/busybox:1";
    auto r = Mybuild({"build", "-t", ref, "--push", P("base")});
    EXPECT_EQ(r.exit_code, 0) << r.output;
    return ref;
  }

  std::unique_ptr<TempDir> dir_;
  std::unique_ptr<registry::testing::LocalRegistry> registry_;
  std::string mybuild_;
};

TEST_F(EndToEndTest, HelloBuildsPushesAndRuns) {
  std::string base = PushBusybox();
  // A copy of the example: runfiles are symlinks, and COPY keeps symlinks.
  fs::copy("testdata/e2e/hello", P("hello"),
           fs::copy_options::recursive | fs::copy_options::copy_symlinks);
  for (const auto& e : fs::directory_iterator(P("hello"))) {
    fs::path target = fs::read_symlink(e.path());
    fs::remove(e.path());
    fs::copy_file(fs::absolute(target), e.path());
  }
  std::string ref = registry_->host() + "/hello:1";
  auto build = Mybuild({"build", "--build-arg", "BASE=" + base, "-t", ref,
                        "--push", "--iidfile", P("iid"), "--progress", "plain",
                        P("hello")});
  ASSERT_EQ(build.exit_code, 0) << build.output;
  EXPECT_NE(build.output.find("#4 [4/4] RUN rm /bin/vi"), std::string::npos)
      << build.output;

  // skopeo sees the layers, env and cmd we built.
  auto inspect = Run({"skopeo", "inspect", "--tls-verify=false", "docker://" + ref});
  ASSERT_EQ(inspect.exit_code, 0) << inspect.output;
  auto info = nlohmann::json::parse(inspect.output);
  EXPECT_EQ(info["Layers"].size(), 5u);  // busybox + WORKDIR + COPY + 2 RUN
  auto raw = Run({"skopeo", "inspect", "--config", "--tls-verify=false",
                  "docker://" + ref});
  auto config = nlohmann::json::parse(raw.output);
  EXPECT_EQ(config["config"]["Cmd"], nlohmann::json({"cat", "/app/greeting.txt"}));
  EXPECT_EQ(config["config"]["WorkingDir"], "/app");
  EXPECT_EQ(config["config"]["User"], "nobody");
  EXPECT_EQ(config["config"]["Env"],
            nlohmann::json({"PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
                            "GREETING=hello from mybuild", "APP_DIR=/app"}));
  EXPECT_EQ(*ReadFile(P("iid")), "sha256:" + std::string(
      nlohmann::json::parse(Run({"skopeo", "inspect", "--raw", "--tls-verify=false",
                                 "docker://" + ref}).output)["config"]["digest"])
      .substr(7));

  // skopeo copy + umoci unpack + runc run: the CMD prints what RUN wrote.
  auto copy = Run({"skopeo", "copy", "-q", "--src-tls-verify=false",
                   "docker://" + ref, "oci:" + P("layout") + ":hello"});
  ASSERT_EQ(copy.exit_code, 0) << copy.output;
  auto unpack = Run({"umoci", "unpack", "--image", P("layout") + ":hello", P("bundle")});
  ASSERT_EQ(unpack.exit_code, 0) << unpack.output;
  EXPECT_FALSE(fs::exists(fs::symlink_status(P("bundle/rootfs/bin/vi"))));
  EXPECT_TRUE(fs::exists(P("bundle/rootfs/bin/sh")));
  auto spec = nlohmann::json::parse(*ReadFile(P("bundle/config.json")));
  spec["process"]["terminal"] = false;
  ASSERT_TRUE(WriteFileAtomic(P("bundle/config.json"), spec.dump()).ok());
  std::string id = "mybuild-e2e-" + std::to_string(::getpid());
  auto run = Run({"runc", "run", "--bundle", P("bundle"), id});
  EXPECT_EQ(run.exit_code, 0) << run.output;
  EXPECT_EQ(run.output, "hello from mybuild\nbuilt without a daemon\n");
}

TEST_F(EndToEndTest, FailingRunReportsItsLineAndExitsOne) {
  std::string base = PushBusybox();
  ASSERT_TRUE(MakeDirs(P("bad")).ok());
  ASSERT_TRUE(WriteFileAtomic(P("bad/Dockerfile"),
                              "FROM " + base + "\nRUN echo before\nRUN echo oops && exit 3\n").ok());
  auto r = Mybuild({"build", "--progress", "quiet", P("bad")});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.output, "mybuild: " + P("bad/Dockerfile") +
                          ":3: process \"/bin/sh -c echo oops && exit 3\" did "
                          "not complete successfully: exit code: 3\n  > oops\n");
}

}  // namespace
}  // namespace mybuild
