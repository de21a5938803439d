// Turns one raw instruction node into a typed instruction. Internal to the
// frontend: ParseDockerfile (dockerfile.h) is the public entry point.
#pragma once

#include <string>
#include <variant>

#include "base/status.h"
#include "frontend/instructions.h"
#include "frontend/parser/node.h"

namespace mybuild::frontend {

// FROM starts a stage rather than being an instruction of one.
struct FromSpec {
  std::string name;  // lower-cased, validated
  std::string base;
  std::string platform;
};

using ParsedNode = std::variant<FromSpec, Instruction>;

// Validates `node` and converts it. Errors carry no location (the caller
// adds it), e.g. `unknown instruction "RUNN" (did you mean RUN?)`.
// `lenient` keeps ONBUILD with an ONBUILD, FROM or MAINTAINER trigger
// (ParseOptions::lenient) instead of failing.
Expected<ParsedNode> ParseNode(const parser::Node& node, bool lenient = false);

// Per-family parsers, each given a node of its own keyword.
Expected<Instruction> ParseRun(const parser::Node& node);
Expected<Instruction> ParseCopy(const parser::Node& node, bool is_add);
Expected<Instruction> ParseHealthcheck(const parser::Node& node);

// The typed base fields (range and original) of `node`.
InstructionBase BaseOf(const parser::Node& node);

// The heredoc as the typed layer keeps it: `<<-` bodies lose leading tabs.
Heredoc ToHeredoc(const parser::Heredoc& raw);

// The keyword as written at the start of the node's line ("RUNN").
std::string KeywordAsWritten(const parser::Node& node);

}  // namespace mybuild::frontend
