// The frontend's entry point: Dockerfile text in, typed and validated stages
// out.
//
// Error format (pinned by tests): the first line is `FILE:LINE: message`
// with FILE exactly as given and LINE the 1-based first line of the
// offending instruction; then the offending source lines, each as
// `  LINE | text` (at most 5; a longer span ends with `  ...`). An error
// without a source line (an empty file) has no excerpt. Example:
//   Dockerfile:7: unknown flag --chwon for COPY (did you mean --chown?)
//     7 | COPY --chwon=1 a b
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "frontend/instructions.h"

namespace mybuild::frontend {

struct Directive {
  std::string value;  // "" when absent
  int line = 0;       // 0 when absent
};

// Parser directives from the top of the file.
struct Directives {
  Directive syntax;  // `# syntax=docker/dockerfile:1`
  Directive check;   // `# check=skip=...;error=true` (for lint)
  char escape = '\\';
};

struct Stage {
  std::string name;      // lower-cased `AS name`, or ""
  std::string base;      // image or earlier stage, as written (unexpanded)
  std::string platform;  // FROM --platform, as written
  SourceRange range;     // the FROM line(s)
  std::string original;  // the FROM line as written
  std::vector<Instruction> instructions;
};

struct Warning {
  std::string message;
  SourceRange range;
};

struct Dockerfile {
  Directives directives;
  std::vector<ArgInstruction> global_args;  // ARGs before the first FROM
  std::vector<Stage> stages;
  std::vector<Warning> warnings;  // e.g. empty continuation lines
  // Instructions other than ARG before the first FROM, in source order.
  // Only a lenient parse (ParseOptions) fills it; always empty otherwise.
  std::vector<Instruction> before_first_from;
};

// How strictly ParseDockerfile validates.
struct ParseOptions {
  // For the linter, which reports these itself (hadolint's DL3024, DL3043,
  // DL3061): accept what hadolint parses but a build refuses. Duplicate stage
  // names keep both stages; ONBUILD with an ONBUILD, FROM or MAINTAINER
  // trigger is kept (trigger and expression, the trigger unvalidated);
  // instructions before the first FROM go to `before_first_from`; a file
  // without FROM gives no stages. Everything else fails as in a strict
  // parse. A lenient parse must never be built.
  bool lenient = false;
};

// Parses and validates `text` (see the header comment for the error
// format). Fails (InvalidArgument) on: a NUL byte anywhere ("NUL byte in
// line"; the excerpt shows it as `\0`), a JSON-form argument holding
// U+0000 ("CMD argument 1 contains a NUL character"), parse errors of the raw parser,
// unknown instructions (with a suggestion), unknown or repeated flags,
// invalid flag values (mount specs, --network, --security, --chmod,
// --checksum, durations, --retries), wrong argument counts, SHELL not in
// JSON form, forbidden ONBUILD triggers, instructions before the first FROM
// (other than ARG), a file without FROM, invalid or duplicate stage names
// (some of which `options.lenient` lets through).
Expected<Dockerfile> ParseDockerfile(std::string_view text,
                                     const std::string& filename,
                                     const ParseOptions& options = {});

// Parses one ONBUILD trigger as a base image's config stores it
// (OnbuildInstruction::expression, heredoc bodies included) into the
// instruction a child build runs; its range is relative to the expression.
// Fails (InvalidArgument) when the text is not exactly one valid
// instruction, or is FROM, ONBUILD or MAINTAINER; messages read
//   ONBUILD trigger "RUNN x": unknown instruction "RUNN" (did you mean RUN?)
Expected<Instruction> ParseOnbuildTrigger(std::string_view expression);

}  // namespace mybuild::frontend
