#include "lint/shellcheck.h"

#include <gtest/gtest.h>

#include "base/fd.h"
#include "frontend/dockerfile.h"
#include "lint/context.h"

namespace mybuild::lint {
namespace {

std::vector<Finding> RunRule(const ShellCheckRule& rule,
                             std::string_view text) {
  auto df = frontend::ParseDockerfile(text, "Dockerfile");
  EXPECT_TRUE(df.ok()) << df.status().message();
  if (!df.ok()) return {};
  LintContext ctx(*df, text, {});
  std::vector<Finding> out;
  Reporter reporter(rule.info(), &out);
  rule.Check(ctx, reporter);
  return out;
}

TEST(ShellCheckRuleTest, ScriptDeclaresNamesUnderTheShebang) {
  EXPECT_EQ(ShellCheckRule::Script("bash", {"A", "B"}, "echo $A"),
            "#!/bin/bash\nexport A=1\nexport B=1\necho $A\n");
}

TEST(ShellCheckRuleTest, OneProcessForAllRunsAndFindingsAtRunLines) {
  std::vector<std::string> seen_argv;
  std::vector<std::string> scripts;
  ShellCheckRule rule(
      [&](const std::vector<std::string>& argv) -> Expected<std::string> {
        seen_argv = argv;
        for (size_t i = 4; i < argv.size(); ++i) {
          scripts.push_back(*ReadFile(argv[i]));
        }
        return std::string(R"({"comments":[
          {"file":")" + argv[5] +
                           R"(","line":12,"column":6,"level":"info",
           "code":2086,"message":"Double quote to prevent globbing and word splitting."},
          {"file":")" + argv[4] +
                           R"(","line":10,"column":1,"level":"warning",
           "code":2164,"message":"Use 'cd ... || exit' or 'cd ... || return' in case cd fails."}]})");
      },
      [](const Status& st) { ADD_FAILURE() << st.message(); });
  std::vector<Finding> f = RunRule(
      rule,
      "FROM a:1\nARG V\nRUN cd /x\nENV E=1\nSHELL [\"/bin/bash\", \"-c\"]\n"
      "RUN echo $V $E\nRUN [\"json\", \"form\"]\n");
  ASSERT_EQ(seen_argv.size(), 6u);
  EXPECT_EQ(seen_argv[0], "shellcheck");
  EXPECT_EQ(seen_argv[3], "--exclude=SC1090,SC1091,SC2187");
  ASSERT_EQ(scripts.size(), 2u);
  EXPECT_EQ(scripts[0].substr(0, 10), "#!/bin/sh\n");
  EXPECT_NE(scripts[0].find("export V=1\n"), std::string::npos);
  EXPECT_EQ(scripts[0].find("export E=1\n"), std::string::npos);
  EXPECT_EQ(scripts[1].substr(0, 12), "#!/bin/bash\n");
  EXPECT_NE(scripts[1].find("export E=1\n"), std::string::npos);
  ASSERT_EQ(f.size(), 2u);
  EXPECT_EQ(f[0].code, "SC2164");
  EXPECT_EQ(f[0].severity, Severity::kWarning);
  EXPECT_EQ(f[0].line, 3);
  EXPECT_EQ(f[1].code, "SC2086");
  EXPECT_EQ(f[1].severity, Severity::kInfo);
  EXPECT_EQ(f[1].line, 6);
}

TEST(ShellCheckRuleTest, AMissingShellcheckIsReportedNotFatal) {
  std::vector<std::string> errors;
  ShellCheckRule rule(
      [](const std::vector<std::string>&) -> Expected<std::string> {
        return NotFound("shellcheck not found in $PATH");
      },
      [&](const Status& st) { errors.push_back(st.message()); });
  EXPECT_TRUE(RunRule(rule, "FROM a:1\nRUN echo $x\n").empty());
  EXPECT_EQ(errors, std::vector<std::string>{"shellcheck not found in $PATH"});
}

TEST(ShellCheckRuleTest, PowershellStagesAreSkipped) {
  bool ran = false;
  ShellCheckRule rule(
      [&](const std::vector<std::string>&) -> Expected<std::string> {
        ran = true;
        return std::string("{\"comments\":[]}");
      },
      [](const Status&) {});
  RunRule(rule, "FROM w:1\nSHELL [\"pwsh\", \"-c\"]\nRUN Get-Item $x\n");
  EXPECT_FALSE(ran);
}

TEST(ShellCheckRuleTest, RealShellcheck) {
  if (!InPath("shellcheck")) GTEST_SKIP() << "shellcheck is not installed";
  ShellCheckRule rule(RunProgram,
                      [](const Status& st) { ADD_FAILURE() << st.message(); });
  std::vector<Finding> f = RunRule(rule,
                                   "FROM a:1\nARG DIR\nRUN cd \"$DIR\" && echo "
                                   "ok\nRUN echo $UNSET\nRUN cd /x\n");
  std::vector<std::string> codes;
  for (const Finding& x : f) codes.push_back(std::to_string(x.line) + x.code);
  EXPECT_EQ(codes, (std::vector<std::string>{"4SC2086", "5SC2164"}));
}

TEST(RunProgramTest, CapturesOutputAndReportsMissingPrograms) {
  Expected<std::string> out = RunProgram({"printf", "a%sb", "-"});
  ASSERT_TRUE(out.ok()) << out.status().message();
  EXPECT_EQ(*out, "a-b");
  EXPECT_EQ(RunProgram({"no-such-program-xyz"}).status().code(),
            ErrorCode::kNotFound);
  EXPECT_EQ(RunProgram({"sh", "-c", "exit 3"}).status().message(),
            "sh failed (exit status 3)");
}

}  // namespace
}  // namespace mybuild::lint
