// A POSIX shell parser (with the bash forms Dockerfiles commonly use:
// [[ ]], (( )), $'...', <(...), &>, <<<, `function`) for RUN bodies.
#pragma once

#include <string_view>

#include "lint/shell/ast.h"

namespace mybuild::lint::shell {

// Parses `text` as a shell script. Never fails: syntax errors (an unclosed
// quote, `fi` without `if`, ...) are listed in Script::errors with their
// byte offset, and the parser resumes after them, so the tree holds every
// command it could recognise.
Script ParseScript(std::string_view text);

}  // namespace mybuild::lint::shell
