#include "planner/run_heredoc.h"

#include "frontend/parser/heredoc.h"

namespace mybuild::planner {

bool IsHeredocFileName(const std::string& name) {
  return !name.empty() && name != "." && name != ".." &&
         name.find('/') == std::string::npos;
}

Expected<RunCommand> RunHeredocCommand(
    const std::string& command, const std::vector<frontend::Heredoc>& heredocs,
    const std::vector<std::string>& shell) {
  RunCommand out;
  out.argv = shell;
  ASSIGN_OR_RETURN(std::optional<frontend::parser::Heredoc> only,
                   frontend::parser::ParseHeredocWord(command));
  if (only && !heredocs.empty()) {
    const frontend::Heredoc& doc = heredocs.front();
    if (doc.content.rfind("#!", 0) == 0) {
      if (!IsHeredocFileName(doc.name)) {
        return InvalidArgument("heredoc name \"" + doc.name +
                               "\" cannot name a file");
      }
      out.files.push_back({doc.name, doc.content});
      out.argv.push_back(std::string(kRunInlineDir) + "/" + doc.name);
    } else {
      out.argv.push_back(doc.content);
    }
    return out;
  }
  std::string script = command;
  for (const frontend::Heredoc& doc : heredocs) {
    script += "\n" + doc.content + doc.name;
  }
  out.argv.push_back(script);
  return out;
}

}  // namespace mybuild::planner
