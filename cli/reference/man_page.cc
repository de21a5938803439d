#include "cli/reference/man_page.h"

#include <algorithm>
#include <sstream>

#include "cli/reference/flags.h"

namespace mybuild::cli::reference {
namespace {

// Text for groff: backslashes and hyphens escaped, no line starting with a
// control character.
std::string Escape(const std::string& text) {
  std::string out;
  bool line_start = true;
  for (char c : text) {
    if (line_start && (c == '.' || c == '\'')) out += "\\&";
    if (c == '\\') out += "\\e";
    else if (c == '-') out += "\\-";
    else out += c;
    line_start = c == '\n';
  }
  return out;
}

std::string Upper(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::toupper(c); });
  return s;
}

std::string Header(const std::string& page, const std::string& version) {
  return ".TH " + Upper(page) + " 1 \"\" \"" + Escape(version) + "\" \"mybuild manual\"\n";
}

}  // namespace

std::string OverviewManPage(const std::vector<SubcommandDoc>& commands,
                            const std::string& version) {
  std::string s = Header("mybuild", version) +
                  ".SH NAME\nmybuild \\- build OCI images from Dockerfiles, without a daemon\n"
                  ".SH SYNOPSIS\n.B mybuild\n[\\-\\-root DIR] COMMAND [FLAGS] [ARGS]\n"
                  ".SH DESCRIPTION\n"
                  "mybuild builds a Dockerfile into an OCI image, as BuildKit does, in one "
                  "process with no daemon. Every command takes \\-\\-root DIR (default "
                  "$MYBUILD_ROOT, else /var/lib/mybuild for root and "
                  "$XDG_DATA_HOME/mybuild or ~/.local/share/mybuild for other users) and "
                  "\\-\\-help.\n"
                  ".SH COMMANDS\n";
  for (const auto& c : commands) {
    s += ".TP\n.B mybuild " + Escape(c.usage) + "\n" + Escape(c.summary) + ". See\n.BR mybuild-" +
         c.name + " (1).\n";
  }
  s += ".SH EXIT STATUS\n0 success, 1 the command failed, 2 bad flags or arguments.\n"
       ".SH SEE ALSO\n";
  for (size_t i = 0; i < commands.size(); ++i) {
    s += ".BR mybuild-" + commands[i].name + " (1)" + (i + 1 < commands.size() ? ",\n" : "\n");
  }
  return s;
}

Expected<std::string> CommandManPage(const std::string& name,
                                     const std::vector<SubcommandDoc>& commands,
                                     const std::string& version) {
  auto it = std::find_if(commands.begin(), commands.end(),
                         [&](const SubcommandDoc& c) { return c.name == name; });
  if (it == commands.end()) return NotFound("man: no command \"" + name + "\"");
  const SubcommandDoc& c = *it;
  std::string s = Header("mybuild-" + c.name, version) + ".SH NAME\nmybuild\\-" + c.name +
                  " \\- " + Escape(c.summary) + "\n.SH SYNOPSIS\n.B mybuild\n" +
                  Escape(c.usage) + "\n";
  std::vector<Flag> flags = FlagsOfHelp(c.help);
  // The help up to its flags (they follow as OPTIONS), as written.
  std::string about = c.help.substr(0, c.help.find("\nOptions:"));
  while (!about.empty() && about.back() == '\n') about.pop_back();
  if (!about.empty()) s += ".SH DESCRIPTION\n.nf\n" + Escape(about) + "\n.fi\n";
  if (!flags.empty()) {
    s += ".SH OPTIONS\n";
    for (const Flag& f : flags) {
      std::string names;
      for (const std::string& n : f.names) names += (names.empty() ? "" : ", ") + n;
      std::string value = f.takes_value ? " \\fI" + Escape(f.value) + "\\fR" : "";
      s += ".TP\n.B " + Escape(names) + value + "\n" +
           Escape(f.description.empty() ? "(no description)" : f.description) + "\n";
    }
  } else if (c.name == "lint") {
    s += ".SH OPTIONS\nThe flags of hadolint; see\n.B mybuild lint \\-\\-help\n";
  }
  s += ".SH SEE ALSO\n.BR mybuild (1)\n";
  return s;
}

}  // namespace mybuild::cli::reference
