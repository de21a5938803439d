// DL3011 (error): Valid UNIX ports range from 0 to 65535

#include <string>

#include "lint/rules/helpers.h"
#include "lint/rules/rules.h"

namespace mybuild::lint::rules {
namespace {

void Check(const LintContext& ctx, Reporter& out) {
  ForEach<frontend::ExposeInstruction>(
      ctx, [&](const frontend::ExposeInstruction& e, size_t) {
        for (const std::string& p : e.ports) {
          std::string port = Unquote(p);
          port = port.substr(0, port.find('/'));
          if (port.find('$') != std::string::npos) continue;
          size_t dash = port.find('-');
          for (const std::string& part :
               {port.substr(0, dash), dash == std::string::npos
                                          ? std::string()
                                          : port.substr(dash + 1)}) {
            if (part.empty() || part.size() > 9 ||
                part.find_first_not_of("0123456789") != std::string::npos) {
              continue;
            }
            if (std::stoul(part) > 65535) {
              out.Report(e.range.start_line);
              return;
            }
          }
        }
      });
}

}  // namespace

const Rule& Dl3011() {
  static const FnRule rule(
      {"DL3011", Severity::kError, "Valid UNIX ports range from 0 to 65535"},
      Check);
  return rule;
}

}  // namespace mybuild::lint::rules
