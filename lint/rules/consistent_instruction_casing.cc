// ConsistentInstructionCasing (warning): Instructions should be in consistent
// casing

#include <algorithm>
#include <cctype>
#include <string>
#include <variant>
#include <vector>

#include "lint/rules/helpers.h"
#include "lint/rules/rules.h"

namespace mybuild::lint::rules {
namespace {

std::string Keyword(const std::string& original) {
  size_t start = original.find_first_not_of(" \t");
  if (start == std::string::npos) return "";
  size_t end = original.find_first_of(" \t", start);
  return original.substr(start, end == std::string::npos ? end : end - start);
}

bool IsUpper(const std::string& w) {
  return std::none_of(w.begin(), w.end(), [](char c) {
    return std::islower(static_cast<unsigned char>(c));
  });
}

bool IsLower(const std::string& w) {
  return std::none_of(w.begin(), w.end(), [](char c) {
    return std::isupper(static_cast<unsigned char>(c));
  });
}

void Check(const LintContext& ctx, Reporter& out) {
  struct Word {
    std::string text;
    int line;
  };
  std::vector<Word> words;
  for (const frontend::Stage& s : ctx.dockerfile().stages) {
    words.push_back({Keyword(s.original), s.range.start_line});
    for (const frontend::Instruction& i : s.instructions) {
      std::visit(
          [&](const auto& x) {
            words.push_back({Keyword(x.original), x.range.start_line});
          },
          i);
    }
  }
  int upper = 0, lower = 0;
  for (const Word& w : words) {
    upper += IsUpper(w.text);
    lower += IsLower(w.text);
  }
  bool majority_upper = upper >= lower;
  for (const Word& w : words) {
    if (w.text.empty() ||
        (majority_upper ? IsUpper(w.text) : IsLower(w.text))) {
      continue;
    }
    out.Report(w.line, "Command '" + w.text +
                           "' should match the case of the "
                           "command majority (" +
                           (majority_upper ? "uppercase" : "lowercase") + ")");
  }
}

}  // namespace

const Rule& ConsistentInstructionCasing() {
  static const FnRule rule({"ConsistentInstructionCasing", Severity::kWarning,
                            "Instructions should be in consistent casing"},
                           Check);
  return rule;
}

}  // namespace mybuild::lint::rules
