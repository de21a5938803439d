// hadolint-compatible configuration: the `.hadolint.yaml` file, HADOLINT_*
// environment variables and command-line flags, merged in that order of
// precedence (flags win; lists are concatenated).
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "lint/finding.h"

namespace mybuild::lint {

// One source's settings; unset fields leave the others' values alone.
struct PartialConfig {
  std::optional<bool> no_fail, no_color, verbose, strict_labels,
      disable_ignore_pragma;
  std::optional<std::string> format;
  std::optional<Severity> failure_threshold;
  std::vector<std::string> error_rules, warning_rules, info_rules, style_rules,
      ignored;
  std::vector<std::string> trusted_registries;
  std::map<std::string, std::string> label_schema;  // label -> type

  // Applies `later` over this: its set scalars win, its lists are appended,
  // its label schema entries replace same-named ones.
  void MergeFrom(const PartialConfig& later);
};

// The settings in force, defaults filled in.
struct LintConfig {
  bool no_fail = false;
  bool no_color = false;
  bool verbose = false;
  bool strict_labels = false;
  bool disable_ignore_pragma = false;
  std::string format = "tty";
  Severity failure_threshold = Severity::kInfo;
  std::vector<std::string> error_rules, warning_rules, info_rules, style_rules,
      ignored;
  std::vector<std::string> trusted_registries;
  std::map<std::string, std::string> label_schema;

  static LintConfig From(const PartialConfig& merged);
};

// The output formats, as named on the command line and in the config.
const std::vector<std::string>& FormatNames();
// The label schema types: text, url, semver, hash, rfc3339, spdx, email.
const std::vector<std::string>& LabelTypes();

// Parses `.hadolint.yaml` text. Keys: ignored, override {error, warning,
// info, style}, trustedRegistries (or trusted-registries; a string or a
// list), label-schema, strict-labels, failure-threshold, no-fail, no-color,
// verbose, format (or output-format), disable-ignore-pragma. Fails with
// InvalidArgument naming `path` and the problem for malformed YAML, a value
// of the wrong type, an unknown format, threshold or label type.
Expected<PartialConfig> ParseConfigYaml(const std::string& text,
                                        const std::string& path);

// Reads environment variables through `getenv` (nullptr when unset):
// NO_COLOR, HADOLINT_NOFAIL, HADOLINT_VERBOSE, HADOLINT_FORMAT,
// HADOLINT_FAILURE_THRESHOLD, HADOLINT_OVERRIDE_{ERROR,WARNING,INFO,STYLE},
// HADOLINT_IGNORE, HADOLINT_STRICT_LABELS, HADOLINT_DISABLE_IGNORE_PRAGMA,
// HADOLINT_TRUSTED_REGISTRIES, HADOLINT_REQUIRE_LABELS. Lists are comma
// separated; booleans are truthy when "1", "true", "yes" or "on" (any case).
// Fails with InvalidArgument for a bad format, threshold or label schema.
using GetEnv = std::function<const char*(const char*)>;
Expected<PartialConfig> ConfigFromEnvironment(const GetEnv& getenv);

// Parses `--require-label` / HADOLINT_REQUIRE_LABELS items: "name:type".
Status AddLabelSchema(const std::string& item, PartialConfig* config);

// hadolint's search for a config file when none is given: in `cwd`
// .hadolint.yaml/.yml; then $XDG_CONFIG_HOME (default $HOME/.config)
// hadolint.yaml/.yml; then $HOME/.hadolint/ hadolint.yaml/.yml and
// config.yaml/.yml; then $HOME/.hadolint.yaml/.yml. The first existing file
// wins; "" when none exists.
std::string FindConfigFile(const std::string& cwd, const GetEnv& getenv);

}  // namespace mybuild::lint
