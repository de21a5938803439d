// Dispatch from a raw node to its typed instruction, and the instructions
// with few or no flags.
#include <cctype>

#include "base/spellcheck.h"
#include "frontend/flags.h"
#include "frontend/instruction_parser.h"
#include "frontend/unicode/go_strings.h"

namespace mybuild::frontend {
namespace {

const std::vector<std::string>& InstructionNames() {
  static const std::vector<std::string> names = {
      "ADD",  "ARG",        "CMD",     "COPY",        "ENTRYPOINT", "ENV",
      "EXPOSE", "FROM",     "HEALTHCHECK", "LABEL",   "MAINTAINER", "ONBUILD",
      "RUN",  "SHELL",      "STOPSIGNAL", "USER",     "VOLUME",     "WORKDIR"};
  return names;
}

std::string Upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(c));
  return s;
}

// `^[a-z][a-z0-9-_\.]*$`
bool ValidStageName(const std::string& name) {
  if (name.empty() || name[0] < 'a' || name[0] > 'z') return false;
  for (char c : name) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
              c == '_' || c == '.';
    if (!ok) return false;
  }
  return true;
}

// The original line without its `ONBUILD` keyword and the blanks around it
// (BuildKit's `(?i)^\s*ONBUILD\s*`).
std::string WithoutOnbuild(const std::string& original) {
  auto blank = [](char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
  };
  size_t i = 0;
  while (i < original.size() && blank(original[i])) ++i;
  if (Upper(original.substr(i, 7)) != "ONBUILD") return original;
  i += 7;
  while (i < original.size() && blank(original[i])) ++i;
  return original.substr(i);
}

// Instructions that take no flags at all.
Status NoFlags(const parser::Node& node) {
  FlagSet none(Upper(node.value));
  return none.Parse(node.flags);
}

Status ExactlyOne(const parser::Node& node) {
  if (node.args.size() != 1) {
    return InvalidArgument(Upper(node.value) + " requires exactly one argument");
  }
  return Status::Ok();
}

Status AtLeastOne(const parser::Node& node) {
  if (node.args.empty()) {
    return InvalidArgument(Upper(node.value) +
                           " requires at least one argument");
  }
  return Status::Ok();
}

// ENV and LABEL: the raw parser gives key, value, separator triples.
Expected<std::vector<KeyValue>> Pairs(const parser::Node& node) {
  RETURN_IF_ERROR(AtLeastOne(node));
  std::vector<KeyValue> out;
  for (size_t i = 0; i + 1 < node.args.size(); i += 3) {  // key value sep
    if (node.args[i].empty()) {
      return InvalidArgument(Upper(node.value) + " names can not be blank");
    }
    out.push_back({node.args[i], node.args[i + 1]});
  }
  return out;
}

Expected<ParsedNode> ParseFrom(const parser::Node& node) {
  FlagSet flags("FROM");
  flags.AddString("platform");
  RETURN_IF_ERROR(flags.Parse(node.flags));
  FromSpec from;
  const auto& args = node.args;
  if (args.size() == 3 && Upper(args[1]) == "AS") {
    from.name = unicode::ToLower(args[2]);
    if (!ValidStageName(from.name)) {
      return InvalidArgument("invalid name for build stage: " +
                             unicode::Quote(args[2]) +
                             ", name can't start with a number or contain "
                             "symbols");
    }
  } else if (args.size() != 1) {
    return InvalidArgument("FROM requires either one or three arguments");
  }
  from.base = args[0];
  from.platform = flags.String("platform").value_or("");
  return ParsedNode(std::move(from));
}

Expected<Instruction> ParseArg(const parser::Node& node) {
  RETURN_IF_ERROR(NoFlags(node));
  RETURN_IF_ERROR(AtLeastOne(node));
  ArgInstruction arg;
  static_cast<InstructionBase&>(arg) = BaseOf(node);
  for (const std::string& word : node.args) {
    ArgDecl decl;
    size_t eq = word.find('=');
    decl.name = word.substr(0, eq);
    if (eq != std::string::npos) {
      if (decl.name.empty()) return InvalidArgument("ARG names can not be blank");
      decl.default_value = word.substr(eq + 1);
    }
    arg.args.push_back(std::move(decl));
  }
  return Instruction(std::move(arg));
}

// `lenient` keeps a forbidden trigger (ONBUILD, FROM, MAINTAINER) as written.
Expected<Instruction> ParseOnbuild(const parser::Node& node, bool lenient) {
  RETURN_IF_ERROR(NoFlags(node));
  if (node.children.empty()) {
    return InvalidArgument("ONBUILD requires at least one argument");
  }
  const parser::Node& trigger = node.children[0];
  OnbuildInstruction onbuild;
  static_cast<InstructionBase&>(onbuild) = BaseOf(node);
  onbuild.trigger = Upper(trigger.value);
  const bool forbidden = onbuild.trigger == "ONBUILD" ||
                         onbuild.trigger == "FROM" ||
                         onbuild.trigger == "MAINTAINER";
  if (forbidden && !lenient) {
    if (onbuild.trigger == "ONBUILD") {
      return InvalidArgument(
          "Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed");
    }
    return InvalidArgument(onbuild.trigger +
                           " isn't allowed as an ONBUILD trigger");
  }
  if (!forbidden) {
    parser::Node child = trigger;
    child.heredocs = node.heredocs;
    RETURN_IF_ERROR(ParseNode(child).status());
  }
  onbuild.expression = WithoutOnbuild(node.original);
  for (const parser::Heredoc& h : node.heredocs) {
    onbuild.expression += "\n" + h.content + h.name;
  }
  return Instruction(std::move(onbuild));
}

template <typename T>
Expected<Instruction> CommandLine(const parser::Node& node) {
  RETURN_IF_ERROR(NoFlags(node));
  T out;
  static_cast<InstructionBase&>(out) = BaseOf(node);
  out.args = node.args;
  out.json_form = node.json;
  return Instruction(std::move(out));
}

Expected<Instruction> ParseSimple(const parser::Node& node) {
  const std::string& k = node.value;
  RETURN_IF_ERROR(NoFlags(node));
  InstructionBase base = BaseOf(node);
  if (k == "env" || k == "label") {
    ASSIGN_OR_RETURN(std::vector<KeyValue> pairs, Pairs(node));
    if (k == "env") {
      EnvInstruction env;
      static_cast<InstructionBase&>(env) = base;
      env.vars = std::move(pairs);
      return Instruction(std::move(env));
    }
    LabelInstruction label;
    static_cast<InstructionBase&>(label) = base;
    label.labels = std::move(pairs);
    return Instruction(std::move(label));
  }
  if (k == "shell") {
    if (node.args.empty()) {
      return InvalidArgument("SHELL requires at least one argument");
    }
    if (!node.json) {
      return InvalidArgument("SHELL requires the arguments to be in JSON form");
    }
    ShellInstruction shell;
    static_cast<InstructionBase&>(shell) = base;
    shell.args = node.args;
    return Instruction(std::move(shell));
  }
  if (k == "expose" || k == "volume") {
    RETURN_IF_ERROR(AtLeastOne(node));
    if (k == "expose") {
      ExposeInstruction expose;
      static_cast<InstructionBase&>(expose) = base;
      expose.ports = node.args;
      return Instruction(std::move(expose));
    }
    VolumeInstruction volume;
    static_cast<InstructionBase&>(volume) = base;
    volume.json_form = node.json;
    for (const std::string& v : node.args) {
      std::string_view path = unicode::TrimSpace(v);
      if (path.empty()) {
        return InvalidArgument("VOLUME specified can not be an empty string");
      }
      volume.paths.emplace_back(path);
    }
    return Instruction(std::move(volume));
  }
  RETURN_IF_ERROR(ExactlyOne(node));
  const std::string& value = node.args[0];
  if (k == "workdir") {
    WorkdirInstruction w;
    static_cast<InstructionBase&>(w) = base;
    w.path = value;
    return Instruction(std::move(w));
  }
  if (k == "user") {
    UserInstruction u;
    static_cast<InstructionBase&>(u) = base;
    u.user = value;
    return Instruction(std::move(u));
  }
  if (k == "stopsignal") {
    StopSignalInstruction s;
    static_cast<InstructionBase&>(s) = base;
    s.signal = value;
    return Instruction(std::move(s));
  }
  MaintainerInstruction m;
  static_cast<InstructionBase&>(m) = base;
  m.maintainer = value;
  return Instruction(std::move(m));
}

}  // namespace

InstructionBase BaseOf(const parser::Node& node) {
  InstructionBase base;
  base.range = {node.start_line, node.end_line};
  base.original = node.original;
  return base;
}

Heredoc ToHeredoc(const parser::Heredoc& raw) {
  Heredoc h;
  h.name = raw.name;
  h.expand = raw.expand;
  h.chomp = raw.chomp;
  h.fd = raw.fd;
  if (!raw.chomp) {
    h.content = raw.content;
    return h;
  }
  bool line_start = true;  // drop the tabs that start each line
  for (char c : raw.content) {
    if (line_start && c == '\t') continue;
    line_start = c == '\n';
    h.content.push_back(c);
  }
  return h;
}

std::string KeywordAsWritten(const parser::Node& node) {
  std::string_view line = unicode::TrimSpace(node.original);
  size_t end = 0;
  while (end < line.size() && line[end] != ' ' && line[end] != '\t' &&
         line[end] != '\v' && line[end] != '\f' && line[end] != '\r') {
    ++end;
  }
  return std::string(line.substr(0, end));
}

// A JSON-form argument holding "\u0000": the kernel would cut it there.
Status NoNulInJson(const parser::Node& node) {
  if (!node.json) return Status::Ok();
  for (size_t i = 0; i < node.args.size(); ++i) {
    if (node.args[i].find('\0') != std::string::npos) {
      return InvalidArgument(Upper(node.value) + " argument " +
                             std::to_string(i + 1) +
                             " contains a NUL character");
    }
  }
  return Status::Ok();
}

Expected<ParsedNode> ParseNode(const parser::Node& node, bool lenient) {
  const std::string& k = node.value;
  RETURN_IF_ERROR(NoNulInJson(node));
  auto wrap = [](Expected<Instruction> i) -> Expected<ParsedNode> {
    if (!i.ok()) return i.status();
    return ParsedNode(std::move(*i));
  };
  if (k == "from") return ParseFrom(node);
  if (k == "run") return wrap(ParseRun(node));
  if (k == "copy" || k == "add") return wrap(ParseCopy(node, k == "add"));
  if (k == "healthcheck") return wrap(ParseHealthcheck(node));
  if (k == "arg") return wrap(ParseArg(node));
  if (k == "onbuild") return wrap(ParseOnbuild(node, lenient));
  if (k == "cmd") return wrap(CommandLine<CmdInstruction>(node));
  if (k == "entrypoint") return wrap(CommandLine<EntrypointInstruction>(node));
  if (k == "env" || k == "label" || k == "shell" || k == "expose" ||
      k == "volume" || k == "workdir" || k == "user" || k == "stopsignal" ||
      k == "maintainer") {
    return wrap(ParseSimple(node));
  }
  std::string written = KeywordAsWritten(node);
  std::string message = "unknown instruction " + unicode::Quote(written);
  std::string guess = SpellCheck(written, InstructionNames());
  if (!guess.empty()) message += " (did you mean " + guess + "?)";
  return InvalidArgument(message);
}

}  // namespace mybuild::frontend
