// `mybuild debug dump-ast FILE`: the raw parse tree in BuildKit's format.
#include "frontend/dockerfile_reader.h"
#include "cli/commands.h"
#include "frontend/parser/parser.h"

namespace mybuild::cli {

int RunDumpAst(const CommandLine& cl, std::ostream& out, std::ostream& err) {
  const std::string& file = cl.args[0];
  Expected<std::string> text = frontend::ReadDockerfileFile(file, file);
  if (!text.ok()) {
    err << "mybuild: " << text.status().message() << "\n";
    return kExitFailed;
  }
  frontend::parser::ParseError where;
  auto parsed = frontend::parser::Parse(*text, &where);
  if (!parsed.ok()) {
    err << "mybuild: " << file << ":" << where.start_line << ": "
        << where.message << "\n";
    return kExitFailed;
  }
  out << frontend::parser::Dump(parsed->root) << "\n";
  return kExitOk;
}

}  // namespace mybuild::cli
