#include "lint/linter.h"

#include <algorithm>

#include "frontend/dockerfile.h"
#include "lint/context.h"

namespace mybuild::lint {
namespace {

bool Listed(const std::vector<std::string>& list, const std::string& code) {
  return std::find(list.begin(), list.end(), code) != list.end();
}

}  // namespace

std::vector<Finding> ApplyPolicy(std::vector<Finding> raw,
                                 const LintConfig& config,
                                 const Pragmas& pragmas,
                                 const std::vector<int>& stage_starts) {
  std::vector<Finding> out;
  out.reserve(raw.size());
  for (Finding& f : raw) {
    if (Listed(config.style_rules, f.code)) f.severity = Severity::kStyle;
    if (Listed(config.info_rules, f.code)) f.severity = Severity::kInfo;
    if (Listed(config.warning_rules, f.code)) f.severity = Severity::kWarning;
    if (Listed(config.error_rules, f.code)) f.severity = Severity::kError;
    if (f.severity == Severity::kIgnore || Listed(config.ignored, f.code)) {
      continue;
    }
    if (!config.disable_ignore_pragma &&
        pragmas.Ignores(f.code, f.line, stage_starts)) {
      continue;
    }
    out.push_back(std::move(f));
  }
  SortFindings(&out);
  return out;
}

ParseFailure ToParseFailure(const std::string& error,
                            const std::string& filename) {
  ParseFailure p;
  std::string first = error.substr(0, error.find('\n'));
  std::string prefix = filename + ":";
  if (first.rfind(prefix, 0) == 0) {
    size_t colon = first.find(':', prefix.size());
    std::string num = first.substr(prefix.size(), colon - prefix.size());
    if (colon != std::string::npos && !num.empty() && num.size() <= 9 &&
        num.find_first_not_of("0123456789") == std::string::npos) {
      p.line = std::stoi(num);
      size_t start = colon + 1;
      if (start < first.size() && first[start] == ' ') ++start;
      p.message = first.substr(start);
      return p;
    }
  }
  p.message = first;
  return p;
}

LintResult LintText(std::string_view text, const std::string& filename,
                    const LintConfig& config,
                    const std::vector<const Rule*>& rules,
                    const frontend::ignore::Matcher* dockerignore) {
  LintResult result;
  // Lenient: what only a build refuses (duplicate stage names, forbidden
  // ONBUILD triggers, instructions before FROM) is for rules to report.
  Expected<frontend::Dockerfile> df = frontend::ParseDockerfile(
      text, filename, frontend::ParseOptions{.lenient = true});
  if (!df.ok()) {
    result.parse_error = ToParseFailure(df.status().message(), filename);
    return result;
  }
  RuleOptions options{config.trusted_registries, config.label_schema,
                      config.strict_labels, dockerignore};
  LintContext ctx(*df, text, options);
  std::vector<Finding> raw;
  for (const Rule* rule : rules) {
    Reporter reporter(rule->info(), &raw);
    rule->Check(ctx, reporter);
  }
  for (Finding& f : raw) f.file = filename;
  result.findings =
      ApplyPolicy(std::move(raw), config, ctx.pragmas(), ctx.stage_starts());
  return result;
}

bool ShouldFail(const std::vector<LintResult>& results, Severity threshold) {
  for (const LintResult& r : results) {
    if (r.parse_error) return true;
    for (const Finding& f : r.findings) {
      if (f.severity <= threshold) return true;
    }
  }
  return false;
}

}  // namespace mybuild::lint
