#include "cli/reference/completion.h"

#include "cli/reference/flags.h"

namespace mybuild::cli::reference {
namespace {

// `s` in single quotes for sh, zsh and fish.
std::string Quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

// fish single quotes: \ and ' are escaped with a backslash.
std::string FishQuote(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'' || c == '\\') out += '\\';
    out += c;
  }
  return out + "'";
}

std::string Words(const std::vector<std::string>& words) {
  std::string out;
  for (const std::string& w : words) out += (out.empty() ? "" : " ") + w;
  return out;
}

std::vector<std::string> FlagNames(const SubcommandDoc& c) {
  std::vector<std::string> names;
  for (const Flag& f : FlagsOfHelp(c.help)) names.insert(names.end(), f.names.begin(), f.names.end());
  if (names.empty() || std::find(names.begin(), names.end(), "--root") == names.end()) {
    names.push_back("--root");  // every command takes it
  }
  if (std::find(names.begin(), names.end(), "--help") == names.end()) names.push_back("--help");
  return names;
}

std::string Bash(const std::vector<SubcommandDoc>& commands) {
  std::vector<std::string> names;
  for (const auto& c : commands) names.push_back(c.name);
  std::string s =
      "# bash completion for mybuild (made by `mybuild completion bash`)\n"
      "_mybuild() {\n"
      "  local cur=${COMP_WORDS[COMP_CWORD]} cmd= i\n"
      "  for ((i = 1; i < COMP_CWORD; i++)); do\n"
      "    case ${COMP_WORDS[i]} in\n"
      "      --root) ((i++)) ;;\n"
      "      -*) ;;\n"
      "      *) cmd=${COMP_WORDS[i]}; break ;;\n"
      "    esac\n"
      "  done\n"
      "  if [[ -z $cmd && $cur != -* ]]; then\n"
      "    COMPREPLY=($(compgen -W " + Quote(Words(names)) + " -- \"$cur\"))\n"
      "    return\n"
      "  fi\n"
      "  local flags=\n"
      "  case $cmd in\n";
  for (const auto& c : commands) {
    s += "    " + c.name + ") flags=" + Quote(Words(FlagNames(c))) + " ;;\n";
  }
  s += "    *) flags='--root --help' ;;\n"
       "  esac\n"
       "  if [[ $cur == -* ]]; then\n"
       "    COMPREPLY=($(compgen -W \"$flags\" -- \"$cur\"))\n"
       "  elif [[ $cmd == completion ]]; then\n"
       "    COMPREPLY=($(compgen -W 'bash zsh fish' -- \"$cur\"))\n"
       "  elif [[ $cmd == man ]]; then\n"
       "    COMPREPLY=($(compgen -W " + Quote(Words(names)) + " -- \"$cur\"))\n"
       "  else\n"
       "    COMPREPLY=($(compgen -f -- \"$cur\"))\n"
       "  fi\n"
       "}\n"
       "complete -o filenames -F _mybuild mybuild\n";
  return s;
}

std::string Zsh(const std::vector<SubcommandDoc>& commands) {
  std::string s =
      "#compdef mybuild\n"
      "# zsh completion for mybuild (made by `mybuild completion zsh`)\n"
      "_mybuild() {\n"
      "  local -a commands\n"
      "  commands=(\n";
  for (const auto& c : commands) {
    std::string summary;
    for (char ch : c.summary) summary += ch == ':' ? std::string("\\:") : std::string(1, ch);
    s += "    " + Quote(c.name + ":" + summary) + "\n";
  }
  s += "  )\n"
       "  local cmd= i\n"
       "  for ((i = 2; i < CURRENT; i++)); do\n"
       "    case $words[i] in\n"
       "      --root) ((i++)) ;;\n"
       "      -*) ;;\n"
       "      *) cmd=$words[i]; break ;;\n"
       "    esac\n"
       "  done\n"
       "  if [[ -z $cmd && $PREFIX != -* ]]; then\n"
       "    _describe -t commands 'mybuild command' commands\n"
       "    return\n"
       "  fi\n"
       "  local -a flags\n"
       "  case $cmd in\n";
  for (const auto& c : commands) {
    std::string quoted;
    for (const std::string& f : FlagNames(c)) quoted += " " + Quote(f);
    s += "    " + c.name + ") flags=(" + quoted.substr(1) + ") ;;\n";
  }
  s += "    *) flags=(--root --help) ;;\n"
       "  esac\n"
       "  if [[ $PREFIX == -* ]]; then\n"
       "    compadd -- $flags\n"
       "  elif [[ $cmd == completion ]]; then\n"
       "    compadd -- bash zsh fish\n"
       "  elif [[ $cmd == man ]]; then\n"
       "    _describe -t commands 'mybuild command' commands\n"
       "  else\n"
       "    _files\n"
       "  fi\n"
       "}\n"
       "# Autoloaded from $fpath (#compdef), this file runs as the first call of\n"
       "# _mybuild: it defines the function, then completes. Sourced, it registers.\n"
       "if [[ $funcstack[1] == _mybuild ]]; then\n"
       "  _mybuild \"$@\"\n"
       "else\n"
       "  compdef _mybuild mybuild\n"
       "fi\n";
  return s;
}

std::string Fish(const std::vector<SubcommandDoc>& commands) {
  std::vector<std::string> names;
  for (const auto& c : commands) names.push_back(c.name);
  std::string all = Words(names);
  std::string s = "# fish completion for mybuild (made by `mybuild completion fish`)\n"
                  "complete -c mybuild -f -n " +
                  FishQuote("not __fish_seen_subcommand_from " + all) +
                  " -l root -r -d 'State directory'\n";
  for (const auto& c : commands) {
    s += "complete -c mybuild -f -n " + FishQuote("not __fish_seen_subcommand_from " + all) +
         " -a " + c.name + " -d " + FishQuote(c.summary) + "\n";
  }
  for (const auto& c : commands) {
    std::string when = " -n " + FishQuote("__fish_seen_subcommand_from " + c.name);
    std::vector<Flag> flags = FlagsOfHelp(c.help);
    bool root = false;
    for (const Flag& f : flags) {
      std::string line = "complete -c mybuild" + when;
      for (const std::string& n : f.names) {
        if (n == "--root") root = true;
        if (n.rfind("--", 0) == 0) line += " -l " + n.substr(2);
        else if (n.size() == 2) line += " -s " + n.substr(1);
        else line += " -o " + n.substr(1);
      }
      if (f.takes_value) line += " -r";
      if (!f.description.empty()) line += " -d " + FishQuote(f.description);
      s += line + "\n";
    }
    if (!root) s += "complete -c mybuild" + when + " -l root -r -d 'State directory'\n";
  }
  s += "complete -c mybuild -f -n " + FishQuote("__fish_seen_subcommand_from completion") +
       " -a 'bash zsh fish'\n";
  s += "complete -c mybuild -f -n " + FishQuote("__fish_seen_subcommand_from man") + " -a " +
       FishQuote(all) + "\n";
  return s;
}

}  // namespace

Expected<std::string> CompletionScript(const std::string& shell,
                                       const std::vector<SubcommandDoc>& commands) {
  if (shell == "bash") return Bash(commands);
  if (shell == "zsh") return Zsh(commands);
  if (shell == "fish") return Fish(commands);
  return InvalidArgument("completion: unknown shell \"" + shell + "\" (bash, zsh or fish)");
}

}  // namespace mybuild::cli::reference
