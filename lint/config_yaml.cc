// `.hadolint.yaml` through yaml-cpp; its exceptions stop here.
#include <yaml-cpp/yaml.h>

#include <algorithm>

#include "lint/config.h"

namespace mybuild::lint {
namespace {

// Reads `node` (a string or a list of strings) into `out`.
Status ReadList(const YAML::Node& node, const std::string& key,
                std::vector<std::string>* out) {
  if (!node || node.IsNull()) return Status::Ok();
  if (node.IsScalar()) {
    out->push_back(node.as<std::string>());
    return Status::Ok();
  }
  if (!node.IsSequence()) {
    return InvalidArgument("\"" + key + "\" must be a list of strings");
  }
  for (const YAML::Node& item : node) {
    if (!item.IsScalar()) {
      return InvalidArgument("\"" + key + "\" must be a list of strings");
    }
    out->push_back(item.as<std::string>());
  }
  return Status::Ok();
}

Status ReadBool(const YAML::Node& node, const std::string& key,
                std::optional<bool>* out) {
  if (!node || node.IsNull()) return Status::Ok();
  bool value = false;
  if (!node.IsScalar() || !YAML::convert<bool>::decode(node, value)) {
    return InvalidArgument("\"" + key + "\" must be true or false");
  }
  *out = value;
  return Status::Ok();
}

Status ReadOverride(const YAML::Node& node, PartialConfig* c) {
  if (!node || node.IsNull()) return Status::Ok();
  if (!node.IsMap()) {
    return InvalidArgument(
        "\"override\" must map error, warning, info or style to rule lists");
  }
  for (const auto& kv : node) {
    std::string level = kv.first.as<std::string>();
    std::vector<std::string>* list = level == "error"     ? &c->error_rules
                                     : level == "warning" ? &c->warning_rules
                                     : level == "info"    ? &c->info_rules
                                     : level == "style"   ? &c->style_rules
                                                          : nullptr;
    if (list == nullptr) {
      return InvalidArgument("unknown level \"" + level +
                             "\" in \"override\" (want error, warning, info "
                             "or style)");
    }
    RETURN_IF_ERROR(ReadList(kv.second, "override." + level, list));
  }
  return Status::Ok();
}

Status ReadScalars(const YAML::Node& root, PartialConfig* c) {
  for (const char* key : {"format", "output-format"}) {
    if (!root[key] || root[key].IsNull()) continue;
    std::string f = root[key].as<std::string>();
    const auto& names = FormatNames();
    if (std::find(names.begin(), names.end(), f) == names.end()) {
      return InvalidArgument("unknown format \"" + f + "\"");
    }
    c->format = f;
  }
  if (root["failure-threshold"] && !root["failure-threshold"].IsNull()) {
    std::string t = root["failure-threshold"].as<std::string>();
    c->failure_threshold = ParseSeverity(t);
    if (!c->failure_threshold) {
      return InvalidArgument("unknown failure-threshold \"" + t + "\"");
    }
  }
  RETURN_IF_ERROR(ReadBool(root["no-fail"], "no-fail", &c->no_fail));
  RETURN_IF_ERROR(ReadBool(root["no-color"], "no-color", &c->no_color));
  RETURN_IF_ERROR(ReadBool(root["verbose"], "verbose", &c->verbose));
  RETURN_IF_ERROR(
      ReadBool(root["strict-labels"], "strict-labels", &c->strict_labels));
  return ReadBool(root["disable-ignore-pragma"], "disable-ignore-pragma",
                  &c->disable_ignore_pragma);
}

Status ReadLabelSchema(const YAML::Node& node, PartialConfig* c) {
  if (!node || node.IsNull()) return Status::Ok();
  if (!node.IsMap()) {
    return InvalidArgument("\"label-schema\" must map labels to types");
  }
  for (const auto& kv : node) {
    RETURN_IF_ERROR(AddLabelSchema(
        kv.first.as<std::string>() + ":" + kv.second.as<std::string>(), c));
  }
  return Status::Ok();
}

Status ReadRoot(const YAML::Node& root, PartialConfig* c) {
  if (!root || root.IsNull()) return Status::Ok();  // an empty file
  if (!root.IsMap()) return InvalidArgument("the top level must be a mapping");
  RETURN_IF_ERROR(ReadList(root["ignored"], "ignored", &c->ignored));
  RETURN_IF_ERROR(ReadOverride(root["override"], c));
  RETURN_IF_ERROR(ReadList(root["trustedRegistries"], "trustedRegistries",
                           &c->trusted_registries));
  RETURN_IF_ERROR(ReadList(root["trusted-registries"], "trusted-registries",
                           &c->trusted_registries));
  RETURN_IF_ERROR(ReadLabelSchema(root["label-schema"], c));
  return ReadScalars(root, c);
}

}  // namespace

Expected<PartialConfig> ParseConfigYaml(const std::string& text,
                                        const std::string& path) {
  PartialConfig config;
  try {
    Status st = ReadRoot(YAML::Load(text), &config);
    if (!st.ok()) return st.WithPrefix(path);
  } catch (const YAML::Exception& e) {
    return InvalidArgument(path + ":" + std::to_string(e.mark.line + 1) + ": " +
                           e.msg);
  }
  return config;
}

}  // namespace mybuild::lint
