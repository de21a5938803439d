// The Rule interface. A rule looks at a parsed Dockerfile (through a
// LintContext) and reports lines; it never filters. Severity overrides,
// ignores and pragmas are applied centrally by the linter (linter.h).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "lint/finding.h"

namespace mybuild::lint {

class LintContext;

struct RuleInfo {
  std::string_view code;     // "DL3008", "UndefinedVar"
  Severity severity;         // the default severity
  std::string_view message;  // the default message
};

// Collects one rule's findings for one file.
class Reporter {
 public:
  explicit Reporter(const RuleInfo& info, std::vector<Finding>* out)
      : info_(info), out_(out) {}
  // Reports the rule at `line` with its default message.
  void Report(int line) { Report(line, std::string(info_.message)); }
  // Reports the rule at `line` with a message of its own.
  void Report(int line, std::string message, int column = 1);
  // For rules that stand for many codes (ShellCheck): a finding with its
  // own code and severity.
  void ReportAs(std::string code, Severity severity, int line,
                std::string message, int column = 1);

 private:
  const RuleInfo& info_;
  std::vector<Finding>* out_;
};

class Rule {
 public:
  virtual ~Rule() = default;
  virtual const RuleInfo& info() const = 0;
  virtual void Check(const LintContext& ctx, Reporter& out) const = 0;
};

}  // namespace mybuild::lint
