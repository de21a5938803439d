#include "frontend/parser/node.h"

#include "frontend/unicode/go_strings.h"

namespace mybuild::frontend::parser {

using unicode::Quote;
using unicode::TrimSpace;

namespace {

// BuildKit trims every instruction's dump with strings.TrimSpace; that only
// matters for the odd empty keyword (a line that is just an escape), whose
// dump is `""`.
std::string DumpInstruction(const Node& node) {
  std::string out = node.value;
  if (!node.flags.empty()) {
    out += " [";
    for (size_t i = 0; i < node.flags.size(); ++i) {
      if (i > 0) out.push_back(' ');
      out += Quote(node.flags[i]);
    }
    out.push_back(']');
  }
  for (const Node& child : node.children) {
    out += " (" + DumpInstruction(child) + ")";
  }
  for (const std::string& arg : node.args) {
    out.push_back(' ');
    out += Quote(arg);
  }
  return std::string(TrimSpace(out));
}

}  // namespace

std::string Dump(const Node& node) {
  if (!node.value.empty() || node.children.empty()) {
    return DumpInstruction(node);
  }
  std::string out;  // the root: one instruction per line
  for (const Node& child : node.children) {
    if (!out.empty()) out.push_back('\n');
    out += "(" + DumpInstruction(child) + ")";
  }
  return out;
}

}  // namespace mybuild::frontend::parser
