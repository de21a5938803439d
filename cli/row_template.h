// `--format` templates as docker's list commands take them, for the
// fields they name: "{{.Repository}}:{{.Tag}}", with \t and \n as a tab and
// a newline. Only field references; no pipelines, functions or tables.
#pragma once

#include <map>
#include <string>

#include "base/status.h"

namespace mybuild::cli {

// Whether `format` is a template (it has "{{") rather than json/table.
bool IsTemplate(const std::string& format);

// `format` with every {{.Field}} (spaces inside the braces allowed)
// replaced by fields.at("Field"). Fails with kInvalidArgument
//   template: unknown field .Foo (fields: .ID .Repository ...)
// or `template: unterminated "{{"`.
Expected<std::string> ExpandTemplate(const std::string& format,
                                     const std::map<std::string, std::string>& fields);

}  // namespace mybuild::cli
