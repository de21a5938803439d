#include "frontend/instructions.h"

namespace mybuild::frontend {

const SourceRange& RangeOf(const Instruction& instruction) {
  return std::visit(
      [](const auto& i) -> const SourceRange& { return i.range; }, instruction);
}

}  // namespace mybuild::frontend
