#include "lint/build_lint.h"

#include "base/fd.h"
#include "lint/catalogue.h"
#include "lint/linter.h"

namespace mybuild::lint {
namespace {

// Environment, then the config file found from `cwd`.
Expected<LintConfig> ProjectConfig(const std::string& cwd, const GetEnv& getenv) {
  ASSIGN_OR_RETURN(PartialConfig merged, ConfigFromEnvironment(getenv));
  std::string path = FindConfigFile(cwd, getenv);
  if (!path.empty()) {
    ASSIGN_OR_RETURN(std::string text, ReadFile(path));
    ASSIGN_OR_RETURN(PartialConfig file, ParseConfigYaml(text, path));
    merged.MergeFrom(file);
  }
  return LintConfig::From(merged);
}

}  // namespace

BuildLint LintForBuild(std::string_view text, const std::string& filename,
                       const std::string& cwd, const GetEnv& getenv,
                       const frontend::ignore::Matcher* dockerignore) {
  BuildLint out;
  LintConfig config;
  Expected<LintConfig> loaded = ProjectConfig(cwd, getenv);
  if (loaded.ok()) {
    config = std::move(*loaded);
  } else {
    out.config_error = loaded.status().message();
  }
  LintResult result = LintText(text, filename, config, Catalogue(), dockerignore);
  out.findings = std::move(result.findings);
  out.failure_threshold = config.failure_threshold;
  return out;
}

}  // namespace mybuild::lint
