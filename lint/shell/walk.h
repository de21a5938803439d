// Visiting every command of a parsed script, however deeply nested.
#pragma once

#include <functional>

#include "lint/shell/ast.h"

namespace mybuild::lint::shell {

// Calls `fn` for every command in `list`, in source order, parents before
// children: compound commands, then the commands in their bodies, then
// commands inside command substitutions of words, assignments and
// redirection targets. `fn` sees simple and compound commands alike.
void ForEachCommand(const List& list,
                    const std::function<void(const Command&)>& fn);

// Calls `fn` for every pipeline in `list` (including nested ones and those
// inside command substitutions), in source order.
void ForEachPipeline(const List& list,
                     const std::function<void(const Pipeline&)>& fn);

}  // namespace mybuild::lint::shell
