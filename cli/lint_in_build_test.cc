// The mybuild binary reports lint findings while it builds, and
// `build --check` lints without building.
#include <unistd.h>

#include <filesystem>
#include <gtest/gtest.h>

#include "base/fd.h"
#include "base/temp_dir.h"
#include "registry/testing/subprocess.h"

namespace mybuild::cli {
namespace {

using registry::testing::CommandResult;
using registry::testing::RunCommand;

constexpr const char* kDockerfile =
    "FROM scratch\nADD message /message\nCMD cat /message\n";
constexpr const char* kFindings =
    "  CTX/Dockerfile:2 DL3020 error: Use COPY instead of ADD for files and folders\n"
    "  CTX/Dockerfile:3 DL3025 warning: Use arguments JSON notation for CMD and "
    "ENTRYPOINT arguments\n";

class LintInBuildTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto t = TempDir::Create();
    ASSERT_TRUE(t.ok());
    tmp_ = std::make_unique<TempDir>(std::move(*t));
    ctx_ = tmp_->path() + "/ctx";
    ASSERT_TRUE(MakeDirs(ctx_).ok());
    ASSERT_TRUE(WriteFileAtomic(ctx_ + "/message", "hi\n").ok());
    ASSERT_TRUE(WriteFileAtomic(ctx_ + "/Dockerfile", kDockerfile).ok());
  }

  CommandResult Mybuild(std::vector<std::string> args) {
    args.insert(args.begin(), std::filesystem::absolute("cli/mybuild").string());
    Expected<CommandResult> r = RunCommand(args);
    EXPECT_TRUE(r.ok()) << r.status().message();
    return r.ok() ? *r : CommandResult{};
  }

  // `text` with CTX standing for the context directory.
  std::string InCtx(std::string text) {
    for (size_t at; (at = text.find("CTX")) != std::string::npos;) text.replace(at, 3, ctx_);
    return text;
  }

  std::unique_ptr<TempDir> tmp_;
  std::string ctx_;
};

TEST_F(LintInBuildTest, ABuildReportsFindingsAndStillBuilds) {
  if (::geteuid() != 0) GTEST_SKIP() << "building needs root";
  CommandResult r = Mybuild({"build", "--root", tmp_->path() + "/root", "--progress", "plain",
                             "--iidfile", tmp_->path() + "/iid", ctx_});
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find(InCtx(std::string("lint: 2 findings (mybuild build --check lints "
                                            "only):\n") + kFindings)),
            std::string::npos)
      << r.output;
  EXPECT_TRUE(ReadFile(tmp_->path() + "/iid").ok());
}

TEST_F(LintInBuildTest, QuietBuildsStayQuiet) {
  if (::geteuid() != 0) GTEST_SKIP() << "building needs root";
  CommandResult r = Mybuild({"build", "--root", tmp_->path() + "/root", "--progress", "quiet",
                             ctx_});
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(r.output.find("DL30"), std::string::npos) << r.output;
}

TEST_F(LintInBuildTest, TheProjectConfigSilencesFindings) {
  if (::geteuid() != 0) GTEST_SKIP() << "building needs root";
  ASSERT_TRUE(WriteFileAtomic(ctx_ + "/Dockerfile",
                              std::string("# hadolint global ignore=DL3020,DL3025\n") +
                                  kDockerfile).ok());
  CommandResult r = Mybuild({"build", "--root", tmp_->path() + "/root", "--progress", "plain",
                             ctx_});
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(r.output.find("lint:"), std::string::npos) << r.output;
}

TEST_F(LintInBuildTest, CheckOnlyLintsAndFailsOnFindings) {
  std::string root = tmp_->path() + "/root";
  CommandResult r = Mybuild({"build", "--check", "--root", root, ctx_});
  EXPECT_EQ(r.exit_code, 1) << r.output;
  std::string expected = InCtx(kFindings);
  for (size_t at = 0; (at = expected.find("  ", at)) != std::string::npos;) expected.erase(at, 2);
  EXPECT_NE(r.output.find(expected), std::string::npos) << r.output;
  EXPECT_FALSE(std::filesystem::exists(root)) << "--check must not build";

  ASSERT_TRUE(WriteFileAtomic(ctx_ + "/Dockerfile",
                              "FROM scratch\nCOPY message /message\nCMD [\"cat\", \"/message\"]\n")
                  .ok());
  r = Mybuild({"build", "--check", "--root", root, ctx_});
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(r.output.find("DL"), std::string::npos) << r.output;
}

TEST_F(LintInBuildTest, LintOffReportsNothing) {
  if (::geteuid() != 0) GTEST_SKIP() << "building needs root";
  CommandResult r = Mybuild({"build", "--lint", "off", "--root", tmp_->path() + "/root",
                             "--progress", "plain", ctx_});
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(r.output.find("lint:"), std::string::npos) << r.output;
}

TEST_F(LintInBuildTest, LintErrorFailsBeforeBuildingOnFindings) {
  std::string root = tmp_->path() + "/root";
  // The default threshold (info): both findings count. Nothing is built.
  CommandResult r = Mybuild({"build", "--lint=error", "--root", root, "--progress", "plain",
                             "--iidfile", tmp_->path() + "/iid", ctx_});
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_NE(r.output.find(InCtx(kFindings)), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("mybuild: lint: 2 findings at or above the failure threshold info "
                          "(--lint=error)\n"),
            std::string::npos)
      << r.output;
  EXPECT_EQ(r.output.find("#1 "), std::string::npos) << r.output;
  EXPECT_FALSE(std::filesystem::exists(tmp_->path() + "/iid"));
}

TEST_F(LintInBuildTest, LintErrorHonoursTheConfigsFailureThreshold) {
  if (::geteuid() != 0) GTEST_SKIP() << "building needs root";
  std::string root = tmp_->path() + "/root";
  // .hadolint.yaml in the working directory: only errors fail (DL3020).
  ASSERT_TRUE(WriteFileAtomic(tmp_->path() + "/.hadolint.yaml", "failure-threshold: error\n").ok());
  std::string run = "cd " + tmp_->path() + " && " +
                    std::filesystem::absolute("cli/mybuild").string() +
                    " build --lint error --progress plain --root " + root + " " + ctx_;
  Expected<CommandResult> got = RunCommand({"sh", "-c", run});
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->exit_code, 1) << got->output;
  EXPECT_NE(got->output.find("mybuild: lint: 1 finding at or above the failure threshold error "
                             "(--lint=error)\n"),
            std::string::npos)
      << got->output;
  // With the ADD fixed only a warning is left: the build goes on.
  ASSERT_TRUE(WriteFileAtomic(ctx_ + "/Dockerfile",
                              "FROM scratch\nCOPY message /message\nCMD cat /message\n").ok());
  got = RunCommand({"sh", "-c", run});
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->exit_code, 0) << got->output;
  EXPECT_NE(got->output.find("DL3025 warning"), std::string::npos) << got->output;
}

TEST_F(LintInBuildTest, LintTakesOnlyOffWarnOrError) {
  CommandResult r = Mybuild({"build", "--lint", "fail", "--root", tmp_->path() + "/root", ctx_});
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_NE(r.output.find("--lint"), std::string::npos) << r.output;
}

TEST_F(LintInBuildTest, CheckReportsAParseErrorAtItsLine) {
  ASSERT_TRUE(WriteFileAtomic(ctx_ + "/Dockerfile", "FROM scratch\nCOPPY a /a\n").ok());
  CommandResult r = Mybuild({"build", "--check", "--root", tmp_->path() + "/root", ctx_});
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_NE(r.output.find(ctx_ + "/Dockerfile:2:1 "), std::string::npos) << r.output;
}

}  // namespace
}  // namespace mybuild::cli
