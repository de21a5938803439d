#include "lint/run_lint.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "base/fd.h"
#include "base/temp_dir.h"

namespace mybuild::lint {
namespace {

constexpr const char* kSeed =
    "FROM debian:12\nRUN apt update && apt install figlet\n"
    "ADD ./message /message\nCMD cat /message | figlet\n";

class RunLintTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto t = TempDir::Create();
    ASSERT_TRUE(t.ok());
    tmp_ = std::make_unique<TempDir>(std::move(*t));
    dockerfile_ = Write("Dockerfile", kSeed);
  }

  std::string Write(const std::string& name, const std::string& text) {
    std::string path = tmp_->path() + "/" + name;
    EXPECT_TRUE(WriteFileAtomic(path, text).ok());
    return path;
  }

  int Run(std::vector<std::string> args, const std::string& stdin_text = "") {
    LintEnvironment env;
    env.getenv = [this](const char* name) -> const char* {
      auto it = vars_.find(name);
      return it == vars_.end() ? nullptr : it->second.c_str();
    };
    env.cwd = tmp_->path();
    env.out_is_terminal = terminal_;
    env.shellcheck_available = false;
    env.now = 0;
    std::istringstream in(stdin_text);
    out_.str("");
    err_.str("");
    return RunLint(args, in, out_, err_, env);
  }

  std::unique_ptr<TempDir> tmp_;
  std::string dockerfile_;
  std::map<std::string, std::string> vars_ = {{"HOME", "/nonexistent"}};
  bool terminal_ = false;
  std::ostringstream out_, err_;
};

TEST_F(RunLintTest, SeedExampleFailsWithHadolintLines) {
  EXPECT_EQ(Run({dockerfile_}), 1);
  EXPECT_EQ(out_.str(),
            dockerfile_ +
                ":2 DL3027 warning: Do not use apt as it is meant to "
                "be an end-user tool, use apt-get or apt-cache instead\n" +
                dockerfile_ +
                ":3 DL3020 error: Use COPY instead of ADD for "
                "files and folders\n" +
                dockerfile_ +
                ":4 DL3025 warning: Use arguments JSON notation "
                "for CMD and ENTRYPOINT arguments\n");
  EXPECT_EQ(err_.str(),
            "mybuild lint: shellcheck not found in $PATH; RUN scripts are not "
            "checked by ShellCheck (SC rules)\n");
}

TEST_F(RunLintTest, ThresholdNoFailAndIgnores) {
  EXPECT_EQ(Run({"-t", "error", "--ignore", "DL3020", dockerfile_}), 0);
  EXPECT_EQ(Run({"--failure-threshold", "error", dockerfile_}), 1);
  EXPECT_EQ(Run({"--no-fail", dockerfile_}), 0);
  EXPECT_EQ(Run({"--ignore", "DL3027", "--ignore", "DL3020", "--ignore",
                 "DL3025", dockerfile_}),
            0);
  EXPECT_EQ(out_.str(), "");
}

TEST_F(RunLintTest, SeverityOverridesFromFlags) {
  EXPECT_EQ(Run({"--style", "DL3020", "--info", "DL3027", "-t", "warning",
                 "--ignore", "DL3025", dockerfile_}),
            0);
  EXPECT_NE(out_.str().find(":3 DL3020 style:"), std::string::npos);
  EXPECT_NE(out_.str().find(":2 DL3027 info:"), std::string::npos);
}

TEST_F(RunLintTest, ConfigFileInTheWorkingDirectory) {
  Write(".hadolint.yaml",
        "ignored: [DL3020]\nfailure-threshold: error\nformat: json\n");
  EXPECT_EQ(Run({dockerfile_}), 0);
  nlohmann::json j = nlohmann::json::parse(out_.str());
  ASSERT_EQ(j.size(), 2u);
  EXPECT_EQ(j[0]["code"], "DL3027");
  // Flags win over the file.
  EXPECT_EQ(Run({"-f", "gnu", "-t", "warning", dockerfile_}), 1);
  EXPECT_EQ(out_.str().substr(0, 13), "mybuild-lint:");
}

TEST_F(RunLintTest, EnvironmentBelowConfigFile) {
  vars_["HADOLINT_FORMAT"] = "json";
  vars_["HADOLINT_IGNORE"] = "DL3027,DL3025";
  vars_["HADOLINT_OVERRIDE_INFO"] = "DL3020";
  EXPECT_EQ(Run({"-t", "warning", dockerfile_}), 0);
  nlohmann::json j = nlohmann::json::parse(out_.str());
  ASSERT_EQ(j.size(), 1u);
  EXPECT_EQ(j[0]["level"], "info");
  std::string cfg = Write("my.yaml", "format: tty\n");
  EXPECT_EQ(Run({"-c", cfg, "-t", "warning", dockerfile_}), 0);
  EXPECT_EQ(out_.str().substr(0, dockerfile_.size()), dockerfile_);
}

TEST_F(RunLintTest, BrokenConfigIsAnError) {
  std::string cfg = Write("bad.yaml", "format: xml\n");
  EXPECT_EQ(Run({"--config", cfg, dockerfile_}), 1);
  EXPECT_EQ(err_.str(), "mybuild lint: " + cfg + ": unknown format \"xml\"\n");
}

TEST_F(RunLintTest, StdinAndParseErrors) {
  EXPECT_EQ(Run({"-"}, "FROM debian:12\nRUNN x\n"), 1);
  EXPECT_EQ(out_.str().substr(0, 8), "-:2:1 un");
  EXPECT_EQ(Run({"--no-fail", "-"}, "FROM debian:12\nRUNN x\n"), 0);
  EXPECT_EQ(Run({"-"}, "FROM debian:12\nUSER 1000\n"), 0);
  EXPECT_EQ(out_.str(), "");
}

// As a build reads them: a Dockerfile over 16 MiB is refused, never held.
TEST_F(RunLintTest, HugeDockerfilesAreRefused) {
  std::string huge = "FROM debian:12\n";
  while (huge.size() <= (16u << 20)) huge += "# a comment line\n";
  std::string path = Write("Huge", huge);
  auto last_line = [&] {
    std::string e = err_.str();
    size_t at = e.rfind('\n', e.size() - 2);
    return at == std::string::npos ? e : e.substr(at + 1);
  };
  EXPECT_EQ(Run({path}), 1);
  EXPECT_EQ(last_line(), "mybuild lint: " + path + ": the file is " +
                             std::to_string(huge.size()) +
                             " bytes, over the 16 MiB limit for a Dockerfile\n");
  EXPECT_EQ(Run({"-"}, huge), 1);
  EXPECT_EQ(last_line(), "mybuild lint: -: the file is over the 16 MiB limit "
                         "for a Dockerfile\n");
}

TEST_F(RunLintTest, MissingFilesAndUsageErrors) {
  EXPECT_EQ(Run({"nope", dockerfile_, "gone"}), 1);
  EXPECT_EQ(err_.str(),
            "Error: The following files do not exist: [\"nope\",\"gone\"]\n");
  EXPECT_EQ(Run({"--frmat", "json", dockerfile_}), 1);
  EXPECT_EQ(err_.str().substr(0, 14), "mybuild lint: ");
  EXPECT_EQ(Run({"-f", "xml", dockerfile_}), 1);
  EXPECT_EQ(Run({"--require-label", "author", dockerfile_}), 1);
  EXPECT_EQ(Run({"--help"}), 0);
  EXPECT_NE(out_.str().find("--failure-threshold"), std::string::npos);
  EXPECT_EQ(Run({"--version"}), 0);
  EXPECT_EQ(out_.str(), "mybuild lint 0.1.0 (hadolint-compatible)\n");
}

TEST_F(RunLintTest, CodeclimateAndCodacyNeverFail) {
  EXPECT_EQ(Run({"-f", "codeclimate", dockerfile_}), 0);
  EXPECT_EQ(Run({"-f", "codacy", dockerfile_}), 0);
  EXPECT_EQ(Run({"-f", "sarif", dockerfile_}), 1);
}

TEST_F(RunLintTest, LabelsAndRegistries) {
  std::string df =
      Write("L", "FROM quay.io/a/b:1\nLABEL version=one\nUSER app\n");
  EXPECT_EQ(Run({"--trusted-registry", "docker.io", "--require-label",
                 "version:semver", "--require-label", "author:text",
                 "--strict-labels", df}),
            1);
  std::string o = out_.str();
  EXPECT_NE(o.find(":1 DL3026 error"), std::string::npos) << o;
  EXPECT_NE(o.find(":1 DL3049 info: Label `author` is missing."),
            std::string::npos)
      << o;
  EXPECT_NE(o.find(":2 DL3056 warning: Label `version` does not conform"),
            std::string::npos)
      << o;
}

TEST_F(RunLintTest, ColourOnATerminalUnlessDisabled) {
  terminal_ = true;
  Run({dockerfile_});
  EXPECT_NE(out_.str().find("\x1b["), std::string::npos);
  Run({"--no-color", dockerfile_});
  EXPECT_EQ(out_.str().find("\x1b["), std::string::npos);
  vars_["NO_COLOR"] = "1";
  Run({dockerfile_});
  EXPECT_EQ(out_.str().find("\x1b["), std::string::npos);
}

TEST_F(RunLintTest, DefaultsToTheDockerfileInTheCurrentDirectory) {
  char old[4096];
  ASSERT_NE(getcwd(old, sizeof old), nullptr);
  ASSERT_EQ(chdir(tmp_->path().c_str()), 0);
  EXPECT_EQ(Run({}), 1);
  EXPECT_EQ(out_.str().substr(0, 13), "Dockerfile:2 ");
  ASSERT_EQ(unlink("Dockerfile"), 0);
  EXPECT_EQ(Run({}), 1);
  EXPECT_EQ(out_.str(), "Please provide a Dockerfile\n");
  ASSERT_EQ(chdir(old), 0);
}

TEST_F(RunLintTest, DockerignoreBesideTheDockerfile) {
  std::string df =
      Write("Copy.Dockerfile", "FROM debian:12\nCOPY secret.txt app /srv/\n");
  EXPECT_EQ(Run({"-t", "error", df}), 0);
  EXPECT_EQ(out_.str(), "");
  Write(".dockerignore", "# secrets\nsecret.txt\n");
  EXPECT_EQ(Run({"-t", "error", df}), 0);
  EXPECT_EQ(out_.str(),
            df + ":2 CopyIgnoredFile warning: Attempting to Copy file "
                 "\"secret.txt\" that is excluded by .dockerignore\n");
}

TEST_F(RunLintTest, FilePathInReport) {
  EXPECT_EQ(Run({"-f", "checkstyle", "--file-path-in-report", "x/Dockerfile",
                 dockerfile_}),
            1);
  EXPECT_NE(out_.str().find("<file name='x/Dockerfile'>"), std::string::npos);
}

}  // namespace
}  // namespace mybuild::lint
