#include "lint/linter.h"

#include <gtest/gtest.h>

#include "lint/catalogue.h"

namespace mybuild::lint {
namespace {

std::vector<std::string> Codes(const LintResult& r) {
  std::vector<std::string> out;
  for (const Finding& f : r.findings) {
    out.push_back(std::to_string(f.line) + ":" + f.code + ":" +
                  std::string(SeverityName(f.severity)));
  }
  return out;
}

using Strings = std::vector<std::string>;

TEST(LinterTest, TheSeedExample) {
  LintResult r = LintText(
      "FROM debian:12\nRUN apt update && apt install figlet\n"
      "ADD ./message /message\nCMD cat /message | figlet\n",
      "Dockerfile", LintConfig{}, Catalogue());
  ASSERT_FALSE(r.parse_error);
  EXPECT_EQ(Codes(r), (Strings{"2:DL3027:warning", "3:DL3020:error",
                               "4:DL3025:warning"}));
  EXPECT_EQ(r.findings[0].file, "Dockerfile");
  EXPECT_EQ(r.findings[0].message,
            "Do not use apt as it is meant to be an end-user tool, use "
            "apt-get or apt-cache instead");
}

TEST(LinterTest, ParseErrorsAreReported) {
  LintResult r = LintText("FROM a:1\nRUNN x\n", "ci/Dockerfile", LintConfig{},
                          Catalogue());
  ASSERT_TRUE(r.parse_error);
  EXPECT_EQ(r.parse_error->line, 2);
  EXPECT_EQ(r.parse_error->message.substr(0, 19), "unknown instruction");
  EXPECT_TRUE(r.findings.empty());
}

TEST(LinterTest, PragmasAndConfigFilterCentrally) {
  std::string text =
      "# hadolint global ignore=DL3025\nFROM debian:12\n"
      "# hadolint ignore=DL3027\nRUN apt update\nRUN apt update\n"
      "CMD x\n";
  LintConfig config;
  EXPECT_EQ(Codes(LintText(text, "D", config, Catalogue())),
            (Strings{"5:DL3027:warning", "5:DL3059:info"}));
  config.ignored = {"DL3059"};
  config.error_rules = {"DL3027"};
  EXPECT_EQ(Codes(LintText(text, "D", config, Catalogue())),
            (Strings{"5:DL3027:error"}));
  config.disable_ignore_pragma = true;
  EXPECT_EQ(Codes(LintText(text, "D", config, Catalogue())),
            (Strings{"4:DL3027:error", "5:DL3027:error", "6:DL3025:warning"}));
}

TEST(ApplyPolicyTest, OverrideOrderAndIgnoreSeverity) {
  std::vector<Finding> raw = {{"A", Severity::kInfo, "", 2, 1, ""},
                              {"B", Severity::kIgnore, "", 1, 1, ""},
                              {"C", Severity::kIgnore, "", 3, 1, ""}};
  LintConfig config;
  config.style_rules = {"A"};
  config.warning_rules = {"A", "C"};
  std::vector<Finding> out = ApplyPolicy(raw, config, Pragmas{}, {});
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].code, "A");
  EXPECT_EQ(out[0].severity, Severity::kWarning);
  EXPECT_EQ(out[1].code, "C");
}

TEST(ToParseFailureTest, SplitsTheFrontendError) {
  ParseFailure p = ToParseFailure(
      "Dockerfile:7: unknown flag --chwon for COPY\n  7 | COPY --chwon=1 a b",
      "Dockerfile");
  EXPECT_EQ(p.line, 7);
  EXPECT_EQ(p.message, "unknown flag --chwon for COPY");
  p = ToParseFailure("file is empty", "Dockerfile");
  EXPECT_EQ(p.line, 1);
  EXPECT_EQ(p.message, "file is empty");
}

TEST(ShouldFailTest, ThresholdAndParseErrors) {
  LintResult warn;
  warn.findings = {{"X", Severity::kWarning, "", 1, 1, ""}};
  EXPECT_TRUE(ShouldFail({warn}, Severity::kInfo));
  EXPECT_TRUE(ShouldFail({warn}, Severity::kWarning));
  EXPECT_FALSE(ShouldFail({warn}, Severity::kError));
  LintResult broken;
  broken.parse_error = ParseFailure{};
  EXPECT_TRUE(ShouldFail({broken}, Severity::kError));
  EXPECT_FALSE(ShouldFail({LintResult{}}, Severity::kIgnore));
}

}  // namespace
}  // namespace mybuild::lint
