#include "lint/rules/rule_testing.h"

#include <gtest/gtest.h>

#include "frontend/dockerfile.h"

namespace mybuild::lint::rules::testing {

std::vector<Finding> Run(const Rule& rule, std::string_view dockerfile,
                         const RuleOptions& options) {
  Expected<frontend::Dockerfile> df = frontend::ParseDockerfile(
      dockerfile, "Dockerfile", frontend::ParseOptions{.lenient = true});
  EXPECT_TRUE(df.ok()) << df.status().message();
  if (!df.ok()) return {};
  LintContext ctx(*df, dockerfile, options);
  std::vector<Finding> out;
  Reporter reporter(rule.info(), &out);
  rule.Check(ctx, reporter);
  return out;
}

std::vector<int> Hits(const Rule& rule, std::string_view dockerfile,
                      const RuleOptions& options) {
  std::vector<int> lines;
  for (const Finding& f : Run(rule, dockerfile, options))
    lines.push_back(f.line);
  return lines;
}

std::vector<std::string> Described(const Rule& rule,
                                   std::string_view dockerfile,
                                   const RuleOptions& options) {
  std::vector<std::string> out;
  for (const Finding& f : Run(rule, dockerfile, options)) {
    out.push_back(std::to_string(f.line) + " " + f.code + " " + f.message);
  }
  return out;
}

}  // namespace mybuild::lint::rules::testing
