// RUN, COPY and ADD: the instructions with the most flags.
#include <algorithm>
#include <cctype>
#include <optional>

#include "frontend/flags.h"
#include "frontend/instruction_parser.h"
#include "frontend/parser/heredoc.h"

namespace mybuild::frontend {
namespace {

bool HasVariable(const std::string& s) {
  return s.find('$') != std::string::npos;
}

// Octal ("755", "0644") or symbolic ("u+x,go-w", "a=rX") modes.
bool ValidChmod(const std::string& s) {
  if (!s.empty() && s.size() <= 4 &&
      std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '7'; })) {
    return true;
  }
  size_t i = 0;
  while (true) {  // one clause: [ugoa]* ([-+=] ([rwxXst]* | [ugo]))+
    while (i < s.size() && std::string("ugoa").find(s[i]) != std::string::npos) ++i;
    if (i >= s.size() || std::string("-+=").find(s[i]) == std::string::npos) {
      return false;
    }
    while (i < s.size() && std::string("-+=").find(s[i]) != std::string::npos) {
      ++i;
      if (i < s.size() && std::string("ugo").find(s[i]) != std::string::npos) {
        ++i;
        continue;
      }
      while (i < s.size() && std::string("rwxXst").find(s[i]) != std::string::npos) ++i;
    }
    if (i == s.size()) return true;
    if (s[i] != ',') return false;
    ++i;
  }
}

bool ValidChecksum(const std::string& s) {
  size_t colon = s.find(':');
  if (colon == std::string::npos) return false;
  std::string algo = s.substr(0, colon);
  std::string hex = s.substr(colon + 1);
  size_t want = algo == "sha256" ? 64 : algo == "sha384" ? 96
              : algo == "sha512" ? 128 : 0;
  return want != 0 && hex.size() == want &&
         std::all_of(hex.begin(), hex.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
         });
}

std::optional<parser::Heredoc> MarkerOf(const std::string& word) {
  Expected<std::optional<parser::Heredoc>> h = parser::ParseHeredocWord(word);
  return h.ok() ? *h : std::nullopt;
}

}  // namespace

Expected<Instruction> ParseRun(const parser::Node& node) {
  FlagSet flags("RUN");
  flags.AddList("mount");
  flags.AddString("network");
  flags.AddString("security");
  RETURN_IF_ERROR(flags.Parse(node.flags));
  RunInstruction run;
  static_cast<InstructionBase&>(run) = BaseOf(node);
  if (node.args.empty() && !node.json) {
    return InvalidArgument("RUN requires at least one argument");
  }
  run.args = node.args;
  run.json_form = node.json;
  for (const parser::Heredoc& h : node.heredocs) {
    run.heredocs.push_back(ToHeredoc(h));
  }
  for (const std::string& spec : flags.List("mount")) {
    Expected<MountSpec> mount = ParseMount(spec);
    if (!mount.ok()) {
      return InvalidArgument("invalid RUN --mount=" + spec + ": " +
                             mount.status().message());
    }
    run.mounts.push_back(std::move(*mount));
  }
  if (std::optional<std::string> n = flags.String("network")) {
    if (*n == "default") run.network = RunNetwork::kDefault;
    else if (*n == "none") run.network = RunNetwork::kNone;
    else if (*n == "host") run.network = RunNetwork::kHost;
    else return InvalidArgument("invalid value \"" + *n +
                                "\" for RUN --network (want default, none or host)");
  }
  if (std::optional<std::string> s = flags.String("security")) {
    if (*s == "sandbox") run.security = RunSecurity::kSandbox;
    else if (*s == "insecure") run.security = RunSecurity::kInsecure;
    else return InvalidArgument("invalid value \"" + *s +
                                "\" for RUN --security (want sandbox or insecure)");
  }
  return Instruction(std::move(run));
}

Expected<Instruction> ParseCopy(const parser::Node& node, bool is_add) {
  const std::string name = is_add ? "ADD" : "COPY";
  FlagSet flags(name);
  for (const char* f : {"chown", "chmod"}) flags.AddString(f);
  flags.AddBool("link");
  flags.AddList("exclude");
  if (is_add) {
    flags.AddString("checksum");
    flags.AddBool("keep-git-dir");
    flags.AddBool("unpack");
  } else {
    flags.AddString("from");
    flags.AddBool("parents");
  }
  RETURN_IF_ERROR(flags.Parse(node.flags));
  if (node.args.size() < 2) {
    return InvalidArgument(name + " requires at least two arguments, but only "
                           "one was provided. Destination could not be "
                           "determined");
  }
  CopyInstruction copy;
  static_cast<InstructionBase&>(copy) = BaseOf(node);
  copy.is_add = is_add;
  copy.json_form = node.json;
  copy.dest = node.args.back();
  if (MarkerOf(copy.dest)) {
    return InvalidArgument(name + " cannot accept a heredoc as a destination");
  }
  for (size_t i = 0; i + 1 < node.args.size(); ++i) {
    const std::string& src = node.args[i];
    std::optional<parser::Heredoc> marker = MarkerOf(src);
    auto body = std::find_if(
        node.heredocs.begin(), node.heredocs.end(),
        [&](const parser::Heredoc& h) { return marker && h.name == marker->name; });
    if (marker && body != node.heredocs.end()) {
      copy.heredocs.push_back(ToHeredoc(*body));
    } else {
      copy.sources.push_back(src);
    }
  }
  copy.from = flags.String("from").value_or("");
  copy.chown = flags.String("chown").value_or("");
  copy.chmod = flags.String("chmod").value_or("");
  if (!copy.chmod.empty() && !HasVariable(copy.chmod) && !ValidChmod(copy.chmod)) {
    return InvalidArgument("invalid " + name + " --chmod=" + copy.chmod +
                           ": want an octal mode like 755 or a symbolic "
                           "one like u+x,go-w");
  }
  copy.link = flags.Bool("link").value_or(false);
  copy.parents = flags.Bool("parents").value_or(false);
  copy.excludes = flags.List("exclude");
  copy.checksum = flags.String("checksum").value_or("");
  if (!copy.checksum.empty() && !HasVariable(copy.checksum) &&
      !ValidChecksum(copy.checksum)) {
    return InvalidArgument("invalid ADD --checksum=" + copy.checksum +
                           ": want sha256:, sha384: or sha512: and hex digits");
  }
  copy.keep_git_dir = flags.Bool("keep-git-dir").value_or(false);
  copy.unpack = flags.Bool("unpack");
  return Instruction(std::move(copy));
}

}  // namespace mybuild::frontend
