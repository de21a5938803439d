// UndefinedVar (warning): Usage of undefined variable

#include <cctype>
#include <set>
#include <string>
#include <variant>
#include <vector>

#include "base/spellcheck.h"
#include "lint/rules/helpers.h"
#include "lint/rules/rules.h"

namespace mybuild::lint::rules {
namespace {

bool IsBuiltin(const std::string& name) {
  static const std::set<std::string> kBuiltins = {
      "TARGETPLATFORM", "TARGETOS",   "TARGETARCH",  "TARGETVARIANT",
      "BUILDPLATFORM",  "BUILDOS",    "BUILDARCH",   "BUILDVARIANT",
      "HTTP_PROXY",     "http_proxy", "HTTPS_PROXY", "https_proxy",
      "FTP_PROXY",      "ftp_proxy",  "NO_PROXY",    "no_proxy",
      "ALL_PROXY",      "all_proxy"};
  return kBuiltins.count(name) > 0;
}

// Reports each $NAME in `word` that is not declared: always when the
// stage's environment is `known`, else only for near-misses of declared
// names (likely typos).
void CheckWord(const std::string& word, const std::set<std::string>& vars,
               bool known, int line, Reporter& out) {
  bool single = false;
  for (size_t i = 0; i < word.size(); ++i) {
    char c = word[i];
    if (c == '\\') {
      ++i;
      continue;
    }
    if (c == '\'') single = !single;
    if (c != '$' || single || i + 1 >= word.size()) continue;
    size_t start = i + 1 + (word[i + 1] == '{'), end = start;
    while (end < word.size() &&
           (std::isalnum(static_cast<unsigned char>(word[end])) ||
            word[end] == '_')) {
      ++end;
    }
    std::string name = word.substr(start, end - start);
    if (name.empty() || vars.count(name) || IsBuiltin(name)) continue;
    std::string suggestion =
        SpellCheck(name, std::vector<std::string>(vars.begin(), vars.end()));
    if (!known && suggestion.empty()) continue;
    std::string message = "Usage of undefined variable '$" + name + "'";
    if (!suggestion.empty()) message += " (did you mean $" + suggestion + "?)";
    out.Report(line, message);
  }
}

void Check(const LintContext& ctx, Reporter& out) {
  // The environment of a stage is known only when it starts from scratch
  // (or from an earlier stage that does); otherwise the base image may
  // define anything, and only near-misses of declared names are reported.
  const auto& stages = ctx.dockerfile().stages;
  std::vector<std::set<std::string>> defined(stages.size());
  std::vector<bool> known(stages.size(), false);
  for (size_t s = 0; s < stages.size(); ++s) {
    known[s] = stages[s].base == "scratch";
    for (size_t p = 0; p < s; ++p) {
      if (!stages[p].name.empty() && stages[p].name == stages[s].base) {
        defined[s] = defined[p];
        known[s] = known[p];
      }
    }
  }
  for (const Located& l : ctx.instructions()) {
    std::set<std::string>& vars = defined[l.stage];
    std::vector<std::string> words;
    int line = std::visit([](const auto& x) { return x.range.start_line; },
                          *l.instruction);
    if (const auto* a = std::get_if<frontend::ArgInstruction>(l.instruction)) {
      for (const frontend::ArgDecl& d : a->args) vars.insert(d.name);
      continue;
    }
    if (const auto* e = std::get_if<frontend::EnvInstruction>(l.instruction)) {
      for (const frontend::KeyValue& kv : e->vars) {
        CheckWord(kv.value, vars, known[l.stage], line, out);
        vars.insert(kv.key);
      }
      continue;
    }
    if (const auto* w =
            std::get_if<frontend::WorkdirInstruction>(l.instruction))
      words = {w->path};
    if (const auto* u = std::get_if<frontend::UserInstruction>(l.instruction))
      words = {u->user};
    if (const auto* c = std::get_if<frontend::CopyInstruction>(l.instruction)) {
      words = c->sources;
      words.push_back(c->dest);
      words.push_back(c->chown);
    }
    if (const auto* x = std::get_if<frontend::ExposeInstruction>(l.instruction))
      words = x->ports;
    if (const auto* lb =
            std::get_if<frontend::LabelInstruction>(l.instruction)) {
      for (const frontend::KeyValue& kv : lb->labels) words.push_back(kv.value);
    }
    for (const std::string& w : words)
      CheckWord(w, vars, known[l.stage], line, out);
  }
}

}  // namespace

const Rule& UndefinedVar() {
  static const FnRule rule(
      {"UndefinedVar", Severity::kWarning, "Usage of undefined variable"},
      Check);
  return rule;
}

}  // namespace mybuild::lint::rules
