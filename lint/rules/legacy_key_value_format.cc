// LegacyKeyValueFormat (warning): "KEY=value" should be used instead of legacy
// "KEY value" format

#include <string>

#include "lint/rules/helpers.h"
#include "lint/rules/rules.h"

namespace mybuild::lint::rules {
namespace {

void Check(const LintContext& ctx, Reporter& out) {
  auto check = [&](const std::string& original, int line, const char* keyword) {
    size_t kw = original.find_first_not_of(" \t");
    size_t rest =
        kw == std::string::npos ? kw : original.find_first_of(" \t", kw);
    size_t first = rest == std::string::npos
                       ? rest
                       : original.find_first_not_of(" \t", rest);
    if (first == std::string::npos) return;
    size_t end = original.find_first_of(" \t", first);
    std::string word =
        original.substr(first, end == std::string::npos ? end : end - first);
    if (word.find('=') == std::string::npos) {
      out.Report(line, std::string("\"") + keyword +
                           " key=value\" should be used instead of legacy \"" +
                           keyword + " key value\" format");
    }
  };
  ForEach<frontend::EnvInstruction>(
      ctx, [&](const frontend::EnvInstruction& e, size_t) {
        check(e.original, e.range.start_line, "ENV");
      });
  ForEach<frontend::LabelInstruction>(
      ctx, [&](const frontend::LabelInstruction& l, size_t) {
        check(l.original, l.range.start_line, "LABEL");
      });
}

}  // namespace

const Rule& LegacyKeyValueFormat() {
  static const FnRule rule(
      {"LegacyKeyValueFormat", Severity::kWarning,
       "\"KEY=value\" should be used instead of legacy \"KEY value\" format"},
      Check);
  return rule;
}

}  // namespace mybuild::lint::rules
