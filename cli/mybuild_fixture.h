// For end-to-end tests of the mybuild binary: a temp dir with a build
// context holding a busybox rootfs, and helpers that run mybuild and tools.
#pragma once

#include <unistd.h>

#include <filesystem>
#include <memory>

#include <gtest/gtest.h>

#include "base/fd.h"
#include "base/temp_dir.h"
#include "registry/testing/subprocess.h"
#include "testdata/fixtures/busybox_rootfs.h"

namespace mybuild::cli::testing {

using registry::testing::CommandResult;

// The Dockerfile most tests build: busybox, one RUN that makes a file, a
// directory owned 1:2 mode 750 and a symlink, and a CMD printing "hi".
inline constexpr char kHiDockerfile[] =
    "FROM scratch\nCOPY rootfs/ /\n"
    "RUN echo hi > /greeting && mkdir /data && chown 1:2 /data && chmod 750 /data && "
    "ln -s /greeting /data/link\n"
    "CMD [\"/bin/cat\", \"/greeting\"]\n";

class MybuildTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (::geteuid() != 0) GTEST_SKIP() << "building needs root";
    auto t = TempDir::Create();
    ASSERT_TRUE(t.ok());
    tmp_ = std::make_unique<TempDir>(std::move(*t));
    ASSERT_TRUE(MakeDirs(Ctx() + "/rootfs").ok());
    Status st = mybuild::testing::MakeBusyboxRootfs(Ctx() + "/rootfs");
    if (st.code() == ErrorCode::kNotFound) GTEST_SKIP() << st.message();
    ASSERT_TRUE(st.ok()) << st.message();
    ASSERT_TRUE(WriteFileAtomic(Ctx() + "/Dockerfile", kHiDockerfile).ok());
  }

  std::string P(const std::string& rel) const { return tmp_->path() + "/" + rel; }
  std::string Ctx() const { return P("ctx"); }
  std::string Root() const { return P("root"); }
  static std::string Binary() { return std::filesystem::absolute("cli/mybuild").string(); }

  // Runs `mybuild ARGS --root ROOT` (stdout and stderr together).
  CommandResult Mybuild(std::vector<std::string> args) {
    args.insert(args.begin(), Binary());
    args.push_back("--root");
    args.push_back(Root());
    return Run(args);
  }
  // `mybuild build --progress quiet FLAGS CTX`; fails the test unless it succeeds.
  void Build(std::vector<std::string> flags) {
    flags.insert(flags.begin(), {"build", "--progress", "quiet"});
    flags.push_back(Ctx());
    CommandResult r = Mybuild(flags);
    ASSERT_EQ(r.exit_code, 0) << r.output;
  }
  // Runs a shell command line in the temp dir.
  CommandResult Sh(const std::string& script) {
    return Run({"sh", "-c", "cd " + tmp_->path() + " && " + script});
  }
  static CommandResult Run(const std::vector<std::string>& argv) {
    Expected<CommandResult> r = registry::testing::RunCommand(argv);
    EXPECT_TRUE(r.ok()) << r.status().message();
    return r.ok() ? *r : CommandResult{};
  }

  std::unique_ptr<TempDir> tmp_;
};

}  // namespace mybuild::cli::testing
