// Debian's pre-commit running our published hook definition (the root
// .pre-commit-hooks.yaml) against the freshly built mybuild binary, set up as
// a user would: a git repository of hooks (here a local one standing in for
// GitHub) pinned by commit in the project's .pre-commit-config.yaml.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <system_error>
#include <vector>

#include "base/fd.h"
#include "base/temp_dir.h"
#include "registry/testing/subprocess.h"

namespace mybuild {
namespace {

namespace fs = std::filesystem;
using registry::testing::CommandResult;
using registry::testing::RunCommand;
using registry::testing::ToolInstalled;

constexpr char kBadDockerfile[] =
    "FROM debian:12\n"
    "RUN apt update && apt install figlet\n"
    "ADD ./message /message\n"
    "CMD cat /message | figlet\n";
constexpr char kCleanDockerfile[] =
    "FROM debian:12\n"
    "COPY message /message\n"
    "CMD [\"cat\", \"/message\"]\n";

// What pre-commit printed around one hook's "name.......Status" line.
struct HookReport {
  std::string before;   // everything before that line
  std::string status;   // what follows the dots: "Failed", "Passed", ...
  std::string details;  // everything after that line
};

HookReport ParseReport(const std::string& output, const std::string& name) {
  HookReport r;
  for (size_t at = 0; at < output.size();) {
    size_t end = output.find('\n', at);
    if (end == std::string::npos) end = output.size();
    if (output.compare(at, name.size() + 1, name + ".") == 0) {
      size_t dots_end = output.find_first_not_of('.', at + name.size());
      r.before = output.substr(0, at);
      r.status = output.substr(dots_end, end - dots_end);
      r.details = output.substr(std::min(end + 1, output.size()));
      return r;
    }
    at = end + 1;
  }
  r.status = "(no line for " + name + ")";
  return r;
}

class PreCommitTest : public ::testing::Test {
 protected:
  void SetUp() override {
    for (const char* tool : {"pre-commit", "git"}) {
      if (!ToolInstalled(tool)) {
        GTEST_SKIP()
            << tool
            << " is not installed (scripts/install-deps.sh installs it)";
      }
    }
    auto dir = TempDir::Create();
    ASSERT_TRUE(dir.ok()) << dir.status().message();
    dir_ = std::make_unique<TempDir>(std::move(*dir));
    for (const char* d :
         {"bin", "home", "pre-commit-home", "hooks", "project"}) {
      ASSERT_TRUE(MakeDirs(P(d)).ok()) << d;
    }
    std::error_code ec;
    fs::create_symlink(fs::absolute("cli/mybuild"), P("bin/mybuild"), ec);
    ASSERT_FALSE(ec) << ec.message();
    SetEnvironment();
    PublishHooks();
    ASSERT_EQ(Git("project", {"init", "-q"}).exit_code, 0);
  }

  std::string P(const std::string& rel) const {
    return dir_->path() + "/" + rel;
  }

  // mybuild first in PATH; HOME, pre-commit's cache and git's identity under
  // the test's own directory, so nothing of the machine's setup leaks in.
  void SetEnvironment() {
    static const std::string original_path =
        std::getenv("PATH") ? std::getenv("PATH") : "/usr/bin:/bin";
    ::setenv("PATH", (P("bin") + ":" + original_path).c_str(), 1);
    ::setenv("HOME", P("home").c_str(), 1);
    ::setenv("PRE_COMMIT_HOME", P("pre-commit-home").c_str(), 1);
    ::setenv("GIT_CONFIG_NOSYSTEM", "1", 1);
    for (const char* who : {"GIT_AUTHOR", "GIT_COMMITTER"}) {
      ::setenv((std::string(who) + "_NAME").c_str(), "mybuild test", 1);
      ::setenv((std::string(who) + "_EMAIL").c_str(), "test@mybuild.invalid",
               1);
    }
  }

  // Writes `content` to P(rel), making its directory.
  void Write(const std::string& rel, const std::string& content) {
    ASSERT_TRUE(MakeDirs(fs::path(P(rel)).parent_path().string()).ok()) << rel;
    Status st = WriteFileAtomic(P(rel), content);
    ASSERT_TRUE(st.ok()) << st.message();
  }

  CommandResult Run(const std::vector<std::string>& argv) {
    auto r = RunCommand(argv);
    EXPECT_TRUE(r.ok()) << r.status().message();
    return r.ok() ? *r : CommandResult{};
  }
  CommandResult Git(const std::string& repo, std::vector<std::string> args) {
    args.insert(args.begin(), {"git", "-C", P(repo)});
    return Run(args);
  }
  // `pre-commit run mybuild-lint --all-files` in the project.
  CommandResult PreCommitRun() {
    return Run({"env", "-C", P("project"), "pre-commit", "run", "mybuild-lint",
                "--all-files", "--color=never"});
  }

  // A hooks repository holding a copy of the root .pre-commit-hooks.yaml,
  // and the project's config pinning it by commit.
  void PublishHooks() {
    auto hooks = ReadFile(".pre-commit-hooks.yaml");
    ASSERT_TRUE(hooks.ok()) << hooks.status().message();
    Write("hooks/.pre-commit-hooks.yaml", *hooks);
    ASSERT_EQ(Git("hooks", {"init", "-q"}).exit_code, 0);
    ASSERT_EQ(Git("hooks", {"add", ".pre-commit-hooks.yaml"}).exit_code, 0);
    auto commit = Git("hooks", {"commit", "-q", "-m", "hooks"});
    ASSERT_EQ(commit.exit_code, 0) << commit.output;
    auto rev = Git("hooks", {"rev-parse", "HEAD"});
    ASSERT_EQ(rev.exit_code, 0) << rev.output;
    ASSERT_EQ(rev.output.size(), 41u) << rev.output;
    Write("project/.pre-commit-config.yaml",
          "repos:\n"
          "  - repo: " +
              P("hooks") +
              "\n"
              "    rev: " +
              rev.output.substr(0, 40) +
              "\n"
              "    hooks:\n"
              "      - id: mybuild-lint\n");
  }

  std::unique_ptr<TempDir> dir_;
};

TEST_F(PreCommitTest, FailsOnFindingsThenPassesOnceFixed) {
  Write("project/Dockerfile", kBadDockerfile);
  Write("project/deploy/Dockerfile.prod", "FROM debian\n");
  Write("project/app.txt", kBadDockerfile);  // not a Dockerfile to identify
  ASSERT_EQ(Git("project", {"add", "."}).exit_code, 0);

  auto bad = PreCommitRun();
  EXPECT_EQ(bad.exit_code, 1) << bad.output;
  HookReport report = ParseReport(bad.output, "mybuild lint");
  EXPECT_EQ(report.before,
            "[INFO] Initializing environment for " + P("hooks") + ".\n");
  EXPECT_EQ(report.status, "Failed") << bad.output;
  EXPECT_EQ(
      report.details,
      "- hook id: mybuild-lint\n"
      "- exit code: 1\n"
      "\n"
      "Dockerfile:2 DL3027 warning: Do not use apt as it is meant to be an "
      "end-user tool, use apt-get or apt-cache instead\n"
      "Dockerfile:3 DL3020 error: Use COPY instead of ADD for files and "
      "folders\n"
      "Dockerfile:4 DL3025 warning: Use arguments JSON notation for CMD and "
      "ENTRYPOINT arguments\n"
      "deploy/Dockerfile.prod:1 DL3006 warning: Always tag the version of an "
      "image explicitly\n"
      "\n");

  Write("project/Dockerfile", kCleanDockerfile);
  Write("project/deploy/Dockerfile.prod", "FROM debian:12\n");
  ASSERT_EQ(Git("project", {"add", "."}).exit_code, 0);
  auto good = PreCommitRun();
  EXPECT_EQ(good.exit_code, 0) << good.output;
  report = ParseReport(good.output, "mybuild lint");
  EXPECT_EQ(report.before, "");  // the hook's environment is already set up
  EXPECT_EQ(report.status, "Passed") << good.output;
  EXPECT_EQ(report.details, "");
}

// types: [dockerfile] leaves other files alone, whatever they hold; with no
// Dockerfile in the project the hook does not run at all.
TEST_F(PreCommitTest, SkipsFilesThatAreNotDockerfiles) {
  Write("project/app.txt", kBadDockerfile);
  // Only the base name counts: a directory named like a Dockerfile does not.
  Write("project/Dockerfile.txt/README", kBadDockerfile);
  ASSERT_EQ(Git("project", {"add", "."}).exit_code, 0);

  auto r = PreCommitRun();
  EXPECT_EQ(r.exit_code, 0) << r.output;
  HookReport report = ParseReport(r.output, "mybuild lint");
  EXPECT_EQ(report.status, "(no files to check)Skipped") << r.output;
  EXPECT_EQ(report.details, "");
}

}  // namespace
}  // namespace mybuild
