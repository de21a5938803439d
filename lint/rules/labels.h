// Label helpers shared by the label-schema rules (DL3049-DL3058).
#pragma once

#include <functional>
#include <set>
#include <string>

#include "lint/rules/helpers.h"

namespace mybuild::lint::rules {

// The label keys set in stage `stage` and the stages it is built on.
std::set<std::string> LabelsOf(const LintContext& ctx, size_t stage);

// Calls fn(key, value, line) for each LABEL pair whose key is in the label
// schema with type `type` ("" for any type). Values are unquoted.
void ForEachSchemaLabel(
    const LintContext& ctx, const std::string& type,
    const std::function<void(const std::string&, const std::string&, int)>& fn);

}  // namespace mybuild::lint::rules
