#include "lint/rule.h"

namespace mybuild::lint {

void Reporter::Report(int line, std::string message, int column) {
  Finding f;
  f.code = std::string(info_.code);
  f.severity = info_.severity;
  f.message = std::move(message);
  f.line = line;
  f.column = column;
  out_->push_back(std::move(f));
}

void Reporter::ReportAs(std::string code, Severity severity, int line,
                        std::string message, int column) {
  out_->push_back(
      Finding{std::move(code), severity, std::move(message), line, column, ""});
}

}  // namespace mybuild::lint
