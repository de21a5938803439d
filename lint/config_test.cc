#include "lint/config.h"

#include <gtest/gtest.h>

#include <map>

#include "base/fd.h"
#include "base/temp_dir.h"

namespace mybuild::lint {
namespace {

using Strings = std::vector<std::string>;

TEST(ConfigYamlTest, ReadsEveryKey) {
  auto c = ParseConfigYaml(R"(
failure-threshold: warning
format: json
ignored: [DL3000, SC1010]
override:
  error: [DL3001]
  warning: [DL3042]
  info: [DL3032]
  style: [DL3015]
trustedRegistries:
  - docker.io
  - "*.gcr.io"
label-schema:
  author: text
  version: semver
strict-labels: true
no-fail: false
no-color: true
disable-ignore-pragma: true
)",
                           ".hadolint.yaml");
  ASSERT_TRUE(c.ok()) << c.status().message();
  EXPECT_EQ(c->failure_threshold, Severity::kWarning);
  EXPECT_EQ(c->format, "json");
  EXPECT_EQ(c->ignored, (Strings{"DL3000", "SC1010"}));
  EXPECT_EQ(c->error_rules, (Strings{"DL3001"}));
  EXPECT_EQ(c->warning_rules, (Strings{"DL3042"}));
  EXPECT_EQ(c->info_rules, (Strings{"DL3032"}));
  EXPECT_EQ(c->style_rules, (Strings{"DL3015"}));
  EXPECT_EQ(c->trusted_registries, (Strings{"docker.io", "*.gcr.io"}));
  EXPECT_EQ(c->label_schema.at("version"), "semver");
  EXPECT_EQ(c->strict_labels, true);
  EXPECT_EQ(c->no_fail, false);
  EXPECT_EQ(c->no_color, true);
  EXPECT_EQ(c->disable_ignore_pragma, true);
  EXPECT_EQ(c->verbose, std::nullopt);
}

TEST(ConfigYamlTest, TrustedRegistriesMayBeOneString) {
  auto c = ParseConfigYaml("trustedRegistries: my.io\n", "c.yaml");
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->trusted_registries, (Strings{"my.io"}));
}

TEST(ConfigYamlTest, EmptyFileIsEmptyConfig) {
  auto c = ParseConfigYaml("", "c.yaml");
  ASSERT_TRUE(c.ok());
  EXPECT_TRUE(c->ignored.empty());
  EXPECT_FALSE(c->format);
}

TEST(ConfigYamlTest, ErrorsNameTheFileAndProblem) {
  EXPECT_EQ(ParseConfigYaml("format: xml\n", "c.yaml").status().message(),
            "c.yaml: unknown format \"xml\"");
  EXPECT_EQ(
      ParseConfigYaml("failure-threshold: high\n", "c.yaml").status().message(),
      "c.yaml: unknown failure-threshold \"high\"");
  EXPECT_EQ(ParseConfigYaml("override:\n  fatal: [DL1]\n", "c.yaml")
                .status()
                .message(),
            "c.yaml: unknown level \"fatal\" in \"override\" (want error, "
            "warning, info or style)");
  EXPECT_EQ(ParseConfigYaml("no-fail: maybe\n", "c.yaml").status().message(),
            "c.yaml: \"no-fail\" must be true or false");
  EXPECT_EQ(ParseConfigYaml("ignored: {a: 1}\n", "c.yaml").status().message(),
            "c.yaml: \"ignored\" must be a list of strings");
  EXPECT_EQ(ParseConfigYaml("- a\n", "c.yaml").status().message(),
            "c.yaml: the top level must be a mapping");
  EXPECT_EQ(ParseConfigYaml("label-schema:\n  v: number\n", "c.yaml")
                .status()
                .message(),
            "c.yaml: invalid label schema \"v:number\": want LABEL:TYPE with "
            "TYPE one of text, url, semver, hash, rfc3339, spdx, email");
  Expected<PartialConfig> bad = ParseConfigYaml("ignored: [a\n", "c.yaml");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().message().substr(0, 9), "c.yaml:2:");
}

GetEnv FakeEnv(const std::map<std::string, std::string>& vars) {
  return [vars](const char* name) -> const char* {
    auto it = vars.find(name);
    return it == vars.end() ? nullptr : it->second.c_str();
  };
}

TEST(ConfigEnvTest, ReadsHadolintVariables) {
  auto c = ConfigFromEnvironment(FakeEnv({
      {"NO_COLOR", ""},
      {"HADOLINT_NOFAIL", "Yes"},
      {"HADOLINT_VERBOSE", "0"},
      {"HADOLINT_FORMAT", "sarif"},
      {"HADOLINT_FAILURE_THRESHOLD", "error"},
      {"HADOLINT_OVERRIDE_ERROR", "DL3010, DL3020"},
      {"HADOLINT_OVERRIDE_STYLE", "DL3015"},
      {"HADOLINT_IGNORE", "DL3000,,DL3001"},
      {"HADOLINT_STRICT_LABELS", "true"},
      {"HADOLINT_DISABLE_IGNORE_PRAGMA", "1"},
      {"HADOLINT_TRUSTED_REGISTRIES", "docker.io,quay.io"},
      {"HADOLINT_REQUIRE_LABELS", "maintainer:text,version:semver"},
  }));
  ASSERT_TRUE(c.ok()) << c.status().message();
  EXPECT_EQ(c->no_color, true);
  EXPECT_EQ(c->no_fail, true);
  EXPECT_EQ(c->verbose, false);
  EXPECT_EQ(c->format, "sarif");
  EXPECT_EQ(c->failure_threshold, Severity::kError);
  EXPECT_EQ(c->error_rules, (Strings{"DL3010", "DL3020"}));
  EXPECT_EQ(c->style_rules, (Strings{"DL3015"}));
  EXPECT_EQ(c->ignored, (Strings{"DL3000", "DL3001"}));
  EXPECT_EQ(c->strict_labels, true);
  EXPECT_EQ(c->disable_ignore_pragma, true);
  EXPECT_EQ(c->trusted_registries, (Strings{"docker.io", "quay.io"}));
  EXPECT_EQ(c->label_schema.size(), 2u);
}

TEST(ConfigEnvTest, BadValuesFail) {
  EXPECT_EQ(ConfigFromEnvironment(FakeEnv({{"HADOLINT_FORMAT", "x"}}))
                .status()
                .message(),
            "HADOLINT_FORMAT: unknown format \"x\"");
  EXPECT_EQ(ConfigFromEnvironment(FakeEnv({{"HADOLINT_REQUIRE_LABELS", "a"}}))
                .status()
                .message()
                .substr(0, 48),
            "HADOLINT_REQUIRE_LABELS: invalid label schema \"a");
}

TEST(ConfigMergeTest, LaterScalarsWinAndListsConcatenate) {
  PartialConfig file, cli;
  file.format = "json";
  file.no_fail = true;
  file.ignored = {"DL3000"};
  file.label_schema = {{"a", "text"}};
  cli.format = "tty";
  cli.ignored = {"DL3001"};
  cli.label_schema = {{"a", "url"}};
  file.MergeFrom(cli);
  LintConfig c = LintConfig::From(file);
  EXPECT_EQ(c.format, "tty");
  EXPECT_TRUE(c.no_fail);
  EXPECT_EQ(c.ignored, (Strings{"DL3000", "DL3001"}));
  EXPECT_EQ(c.label_schema.at("a"), "url");
  EXPECT_EQ(c.failure_threshold, Severity::kInfo);
}

TEST(FindConfigFileTest, FollowsHadolintsOrder) {
  auto tmp = TempDir::Create();
  ASSERT_TRUE(tmp.ok());
  std::string root = tmp->path();
  std::string cwd = root + "/cwd", home = root + "/home";
  ASSERT_TRUE(MakeDirs(cwd).ok());
  ASSERT_TRUE(MakeDirs(home + "/.config").ok());
  ASSERT_TRUE(MakeDirs(home + "/.hadolint").ok());
  auto env = FakeEnv({{"HOME", home}});
  EXPECT_EQ(FindConfigFile(cwd, env), "");
  ASSERT_TRUE(WriteFileAtomic(home + "/.hadolint.yml", "").ok());
  EXPECT_EQ(FindConfigFile(cwd, env), home + "/.hadolint.yml");
  ASSERT_TRUE(WriteFileAtomic(home + "/.hadolint/config.yaml", "").ok());
  EXPECT_EQ(FindConfigFile(cwd, env), home + "/.hadolint/config.yaml");
  ASSERT_TRUE(WriteFileAtomic(home + "/.config/hadolint.yaml", "").ok());
  EXPECT_EQ(FindConfigFile(cwd, env), home + "/.config/hadolint.yaml");
  ASSERT_TRUE(MakeDirs(root + "/xdg").ok());
  ASSERT_TRUE(WriteFileAtomic(root + "/xdg/hadolint.yml", "").ok());
  EXPECT_EQ(FindConfigFile(cwd, FakeEnv({{"HOME", home},
                                         {"XDG_CONFIG_HOME", root + "/xdg"}})),
            root + "/xdg/hadolint.yml");
  ASSERT_TRUE(WriteFileAtomic(cwd + "/.hadolint.yml", "").ok());
  EXPECT_EQ(FindConfigFile(cwd, env), cwd + "/.hadolint.yml");
  ASSERT_TRUE(WriteFileAtomic(cwd + "/.hadolint.yaml", "").ok());
  EXPECT_EQ(FindConfigFile(cwd, env), cwd + "/.hadolint.yaml");
}

}  // namespace
}  // namespace mybuild::lint
