#include "lint/rules/args.h"

#include <cctype>

#include "lint/rules/helpers.h"

namespace mybuild::lint::rules {

std::string Expand(const std::string& s,
                   const std::map<std::string, std::string>& vars,
                   std::vector<std::string>* unknown) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '$' || i + 1 >= s.size()) {
      out += s[i];
      continue;
    }
    bool brace = s[i + 1] == '{';
    size_t start = i + 1 + brace, end = start;
    while (end < s.size() &&
           (std::isalnum(static_cast<unsigned char>(s[end])) || s[end] == '_'))
      ++end;
    std::string name = s.substr(start, end - start);
    std::string fallback;
    if (brace) {
      size_t close = s.find('}', end);
      if (close == std::string::npos) close = s.size();
      if (s.compare(end, 2, ":-") == 0)
        fallback = s.substr(end + 2, close - end - 2);
      end = close + 1;
    }
    auto it = vars.find(name);
    if (it == vars.end() && unknown) unknown->push_back(name);
    std::string value = it == vars.end() ? "" : it->second;
    out += value.empty() ? fallback : value;
    i = end - 1;
  }
  return out;
}

bool IsPlatformArg(const std::string& name) {
  for (const char* p :
       {"TARGETPLATFORM", "TARGETOS", "TARGETARCH", "TARGETVARIANT",
        "BUILDPLATFORM", "BUILDOS", "BUILDARCH", "BUILDVARIANT"}) {
    if (name == p) return true;
  }
  return false;
}

std::map<std::string, std::string> GlobalArgs(const LintContext& ctx) {
  std::map<std::string, std::string> vars;
  for (const frontend::ArgInstruction& a : ctx.dockerfile().global_args) {
    for (const frontend::ArgDecl& d : a.args) {
      vars[d.name] = d.default_value ? Unquote(*d.default_value) : "";
    }
  }
  return vars;
}

}  // namespace mybuild::lint::rules
