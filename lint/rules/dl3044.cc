// DL3044 (error): Do not refer to an environment variable within the same `ENV`
// statement where it is defined.

#include <cctype>
#include <set>
#include <string>
#include <vector>

#include "lint/rules/helpers.h"
#include "lint/rules/rules.h"

namespace mybuild::lint::rules {
namespace {

// The names of the $NAME and ${NAME...} references in `value` (single-quoted
// text and escaped dollars are not references).
std::vector<std::string> References(const std::string& value) {
  std::vector<std::string> out;
  bool single = false;
  for (size_t i = 0; i < value.size(); ++i) {
    char c = value[i];
    if (c == '\\') {
      ++i;
    } else if (c == '\'') {
      single = !single;
    } else if (c == '$' && !single && i + 1 < value.size()) {
      size_t start = i + 1 + (value[i + 1] == '{');
      size_t end = start;
      while (end < value.size() &&
             (std::isalnum(static_cast<unsigned char>(value[end])) ||
              value[end] == '_')) {
        ++end;
      }
      if (end > start) out.push_back(value.substr(start, end - start));
    }
  }
  return out;
}

void Check(const LintContext& ctx, Reporter& out) {
  std::vector<std::set<std::string>> defined(ctx.dockerfile().stages.size());
  std::set<std::string> global;
  for (const frontend::ArgInstruction& a : ctx.dockerfile().global_args) {
    for (const frontend::ArgDecl& d : a.args) global.insert(d.name);
  }
  for (const Located& l : ctx.instructions()) {
    std::set<std::string>& before = defined[l.stage];
    if (const auto* a = std::get_if<frontend::ArgInstruction>(l.instruction)) {
      for (const frontend::ArgDecl& d : a->args) before.insert(d.name);
      continue;
    }
    const auto* e = std::get_if<frontend::EnvInstruction>(l.instruction);
    if (e == nullptr) continue;
    std::set<std::string> here;
    bool bad = false;
    for (const frontend::KeyValue& kv : e->vars) {
      for (const std::string& ref : References(kv.value)) {
        if (here.count(ref) && !before.count(ref) && !global.count(ref))
          bad = true;
      }
      here.insert(kv.key);
    }
    if (bad) out.Report(e->range.start_line);
    before.insert(here.begin(), here.end());
  }
}

}  // namespace

const Rule& Dl3044() {
  static const FnRule rule({"DL3044", Severity::kError,
                            "Do not refer to an environment variable within "
                            "the same `ENV` statement where it is defined."},
                           Check);
  return rule;
}

}  // namespace mybuild::lint::rules
