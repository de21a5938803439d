#include "lint/config.h"

#include <sys/stat.h>

#include <algorithm>
#include <cctype>

namespace mybuild::lint {
namespace {

template <typename T>
void Append(std::vector<T>* to, const std::vector<T>& from) {
  to->insert(to->end(), from.begin(), from.end());
}

template <typename T>
void Override(std::optional<T>* to, const std::optional<T>& from) {
  if (from) *to = from;
}

std::vector<std::string> SplitCommas(const std::string& s) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= s.size()) {
    size_t comma = s.find(',', start);
    if (comma == std::string::npos) comma = s.size();
    std::string item = s.substr(start, comma - start);
    item.erase(0, item.find_first_not_of(" \t"));
    item.erase(item.find_last_not_of(" \t") + 1);
    if (!item.empty()) out.push_back(item);
    start = comma + 1;
  }
  return out;
}

bool Truthy(std::string v) {
  std::transform(v.begin(), v.end(), v.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  return v == "1" || v == "true" || v == "yes" || v == "on";
}

bool FileExists(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

}  // namespace

void PartialConfig::MergeFrom(const PartialConfig& later) {
  Override(&no_fail, later.no_fail);
  Override(&no_color, later.no_color);
  Override(&verbose, later.verbose);
  Override(&strict_labels, later.strict_labels);
  Override(&disable_ignore_pragma, later.disable_ignore_pragma);
  Override(&format, later.format);
  Override(&failure_threshold, later.failure_threshold);
  Append(&error_rules, later.error_rules);
  Append(&warning_rules, later.warning_rules);
  Append(&info_rules, later.info_rules);
  Append(&style_rules, later.style_rules);
  Append(&ignored, later.ignored);
  Append(&trusted_registries, later.trusted_registries);
  for (const auto& [k, v] : later.label_schema) label_schema[k] = v;
}

LintConfig LintConfig::From(const PartialConfig& p) {
  LintConfig c;
  c.no_fail = p.no_fail.value_or(false);
  c.no_color = p.no_color.value_or(false);
  c.verbose = p.verbose.value_or(false);
  c.strict_labels = p.strict_labels.value_or(false);
  c.disable_ignore_pragma = p.disable_ignore_pragma.value_or(false);
  c.format = p.format.value_or("tty");
  c.failure_threshold = p.failure_threshold.value_or(Severity::kInfo);
  c.error_rules = p.error_rules;
  c.warning_rules = p.warning_rules;
  c.info_rules = p.info_rules;
  c.style_rules = p.style_rules;
  c.ignored = p.ignored;
  c.trusted_registries = p.trusted_registries;
  c.label_schema = p.label_schema;
  return c;
}

const std::vector<std::string>& FormatNames() {
  static const std::vector<std::string> kNames = {
      "tty", "json",   "checkstyle", "codeclimate", "gitlab_codeclimate",
      "gnu", "codacy", "sonarqube",  "sarif",       "junit"};
  return kNames;
}

const std::vector<std::string>& LabelTypes() {
  static const std::vector<std::string> kTypes = {
      "text", "url", "semver", "hash", "rfc3339", "spdx", "email"};
  return kTypes;
}

Status AddLabelSchema(const std::string& item, PartialConfig* config) {
  size_t colon = item.find(':');
  std::string type = colon == std::string::npos ? "" : item.substr(colon + 1);
  const auto& types = LabelTypes();
  if (colon == std::string::npos || colon == 0 ||
      std::find(types.begin(), types.end(), type) == types.end()) {
    return InvalidArgument("invalid label schema \"" + item +
                           "\": want LABEL:TYPE with TYPE one of text, url, "
                           "semver, hash, rfc3339, spdx, email");
  }
  config->label_schema[item.substr(0, colon)] = type;
  return Status::Ok();
}

Expected<PartialConfig> ConfigFromEnvironment(const GetEnv& getenv) {
  PartialConfig c;
  auto get = [&](const char* name) -> std::optional<std::string> {
    const char* v = getenv(name);
    if (v == nullptr) return std::nullopt;
    return std::string(v);
  };
  if (get("NO_COLOR")) c.no_color = true;
  if (auto v = get("HADOLINT_NOFAIL")) c.no_fail = Truthy(*v);
  if (auto v = get("HADOLINT_VERBOSE")) c.verbose = Truthy(*v);
  if (auto v = get("HADOLINT_STRICT_LABELS")) c.strict_labels = Truthy(*v);
  if (auto v = get("HADOLINT_DISABLE_IGNORE_PRAGMA")) {
    c.disable_ignore_pragma = Truthy(*v);
  }
  if (auto v = get("HADOLINT_FORMAT")) {
    const auto& names = FormatNames();
    if (std::find(names.begin(), names.end(), *v) == names.end()) {
      return InvalidArgument("HADOLINT_FORMAT: unknown format \"" + *v + "\"");
    }
    c.format = *v;
  }
  if (auto v = get("HADOLINT_FAILURE_THRESHOLD")) {
    c.failure_threshold = ParseSeverity(*v);
    if (!c.failure_threshold) {
      return InvalidArgument(
          "HADOLINT_FAILURE_THRESHOLD: unknown threshold \"" + *v + "\"");
    }
  }
  if (auto v = get("HADOLINT_OVERRIDE_ERROR")) c.error_rules = SplitCommas(*v);
  if (auto v = get("HADOLINT_OVERRIDE_WARNING"))
    c.warning_rules = SplitCommas(*v);
  if (auto v = get("HADOLINT_OVERRIDE_INFO")) c.info_rules = SplitCommas(*v);
  if (auto v = get("HADOLINT_OVERRIDE_STYLE")) c.style_rules = SplitCommas(*v);
  if (auto v = get("HADOLINT_IGNORE")) c.ignored = SplitCommas(*v);
  if (auto v = get("HADOLINT_TRUSTED_REGISTRIES")) {
    c.trusted_registries = SplitCommas(*v);
  }
  if (auto v = get("HADOLINT_REQUIRE_LABELS")) {
    for (const std::string& item : SplitCommas(*v)) {
      Status st = AddLabelSchema(item, &c);
      if (!st.ok()) return st.WithPrefix("HADOLINT_REQUIRE_LABELS");
    }
  }
  return c;
}

std::string FindConfigFile(const std::string& cwd, const GetEnv& getenv) {
  const char* home_env = getenv("HOME");
  std::string home = home_env ? home_env : "";
  const char* xdg_env = getenv("XDG_CONFIG_HOME");
  std::string xdg = xdg_env && xdg_env[0] == '/' ? xdg_env : home + "/.config";
  std::vector<std::string> candidates = {
      cwd + "/.hadolint.yaml", cwd + "/.hadolint.yml", xdg + "/hadolint.yaml",
      xdg + "/hadolint.yml"};
  if (!home.empty()) {
    for (const char* name :
         {"/.hadolint/hadolint.yaml", "/.hadolint/hadolint.yml",
          "/.hadolint/config.yaml", "/.hadolint/config.yml", "/.hadolint.yaml",
          "/.hadolint.yml"}) {
      candidates.push_back(home + name);
    }
  }
  for (const std::string& c : candidates) {
    if (FileExists(c)) return c;
  }
  return "";
}

}  // namespace mybuild::lint
