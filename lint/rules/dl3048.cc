// DL3048 (style): Invalid Label Key

#include <cctype>
#include <string>
#include <string_view>

#include "lint/rules/helpers.h"
#include "lint/rules/rules.h"

namespace mybuild::lint::rules {
namespace {

bool ValidKey(const std::string& key) {
  if (key.empty() || key.find('$') != std::string::npos) return !key.empty();
  for (std::string_view reserved :
       {"com.docker.", "io.docker.", "org.dockerproject."}) {
    if (key.rfind(reserved, 0) == 0) return false;
  }
  auto alnum = [](char c) {
    return std::islower(static_cast<unsigned char>(c)) ||
           std::isdigit(static_cast<unsigned char>(c));
  };
  if (!alnum(key.front()) || !alnum(key.back())) return false;
  for (size_t i = 0; i < key.size(); ++i) {
    char c = key[i];
    if (!alnum(c) && c != '.' && c != '-') return false;
    if ((c == '.' || c == '-') && (key[i + 1] == '.' || key[i + 1] == '-')) {
      return false;
    }
  }
  return true;
}

void Check(const LintContext& ctx, Reporter& out) {
  ForEach<frontend::LabelInstruction>(
      ctx, [&](const frontend::LabelInstruction& l, size_t) {
        for (const frontend::KeyValue& kv : l.labels) {
          if (!ValidKey(Unquote(kv.key))) {
            out.Report(l.range.start_line);
            return;
          }
        }
      });
}

}  // namespace

const Rule& Dl3048() {
  static const FnRule rule({"DL3048", Severity::kStyle, "Invalid Label Key"},
                           Check);
  return rule;
}

}  // namespace mybuild::lint::rules
