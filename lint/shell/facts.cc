#include "lint/shell/facts.h"

#include <algorithm>

#include "lint/shell/parser.h"
#include "lint/shell/walk.h"

namespace mybuild::lint::shell {

ParsedShell::ParsedShell(std::string text)
    : text_(std::move(text)), script_(ParseScript(text_)) {
  ForEachCommand(script_.body, [&](const Command& c) {
    if (c.kind == Command::Kind::kSimple) CollectInvocations(c, 0, &commands_);
  });
  ForEachPipeline(script_.body, [&](const Pipeline& p) {
    if (p.commands.size() > 1) has_pipes_ = true;
  });
}

bool ParsedShell::AnyCommand(
    const std::function<bool(const Invocation&)>& pred) const {
  return std::any_of(commands_.begin(), commands_.end(), pred);
}

bool ParsedShell::NoCommands(
    const std::function<bool(const Invocation&)>& pred) const {
  return !AnyCommand(pred);
}

std::vector<const Invocation*> ParsedShell::Find(std::string_view name) const {
  std::vector<const Invocation*> out;
  for (const Invocation& inv : commands_) {
    if (inv.name == name) out.push_back(&inv);
  }
  return out;
}

bool ParsedShell::Uses(std::string_view name) const {
  return AnyCommand([&](const Invocation& i) { return i.name == name; });
}

}  // namespace mybuild::lint::shell
