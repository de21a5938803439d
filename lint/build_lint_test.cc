#include "lint/build_lint.h"

#include <gtest/gtest.h>

#include <map>

#include "base/fd.h"
#include "base/temp_dir.h"

namespace mybuild::lint {
namespace {

constexpr const char* kSeed =
    "FROM debian:12\nRUN apt update && apt install figlet\n"
    "ADD ./message /message\nCMD cat /message | figlet\n";

class BuildLintTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto t = TempDir::Create();
    ASSERT_TRUE(t.ok());
    tmp_ = std::make_unique<TempDir>(std::move(*t));
  }

  // "code@line" for each finding, in order.
  std::vector<std::string> Lint(const std::string& text) {
    GetEnv getenv = [this](const char* name) -> const char* {
      auto it = vars_.find(name);
      return it == vars_.end() ? nullptr : it->second.c_str();
    };
    last_ = LintForBuild(text, "Dockerfile", tmp_->path(), getenv, nullptr);
    std::vector<std::string> out;
    for (const Finding& f : last_.findings) {
      out.push_back(f.code + "@" + std::to_string(f.line));
    }
    return out;
  }

  std::unique_ptr<TempDir> tmp_;
  std::map<std::string, std::string> vars_ = {{"HOME", "/nonexistent"}};
  BuildLint last_;
};

TEST_F(BuildLintTest, ReportsHadolintsCodesOnTheirLines) {
  EXPECT_EQ(Lint(kSeed), (std::vector<std::string>{"DL3027@2", "DL3020@3", "DL3025@4"}));
  EXPECT_EQ(last_.findings[1].severity, Severity::kError);
  EXPECT_EQ(last_.findings[1].file, "Dockerfile");
  EXPECT_EQ(last_.config_error, "");
}

TEST_F(BuildLintTest, FollowsTheProjectConfigAndTheEnvironment) {
  ASSERT_TRUE(WriteFileAtomic(tmp_->path() + "/.hadolint.yaml", "ignored: [DL3027]\n").ok());
  EXPECT_EQ(Lint(kSeed), (std::vector<std::string>{"DL3020@3", "DL3025@4"}));
  vars_["HADOLINT_IGNORE"] = "DL3025";
  EXPECT_EQ(Lint(kSeed), (std::vector<std::string>{"DL3020@3"}));
}

TEST_F(BuildLintTest, PragmasSilenceFindings) {
  EXPECT_EQ(Lint("FROM debian:12\n# hadolint ignore=DL3020\nADD ./m /m\n"),
            std::vector<std::string>{});
}

TEST_F(BuildLintTest, ABrokenConfigIsReportedAndTheDefaultsApply) {
  ASSERT_TRUE(WriteFileAtomic(tmp_->path() + "/.hadolint.yaml", "ignored: [DL3027\n").ok());
  EXPECT_EQ(Lint(kSeed), (std::vector<std::string>{"DL3027@2", "DL3020@3", "DL3025@4"}));
  EXPECT_NE(last_.config_error.find(tmp_->path() + "/.hadolint.yaml"), std::string::npos)
      << last_.config_error;
}

TEST_F(BuildLintTest, ShellCheckIsLeftOut) {
  EXPECT_EQ(Lint("FROM debian:12\nRUN echo $1\n"), std::vector<std::string>{});
}

}  // namespace
}  // namespace mybuild::lint
