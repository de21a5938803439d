// Seeing through command wrappers: `sudo apt-get install x` also runs
// `apt-get install x`.
#include <algorithm>
#include <cctype>
#include <set>

#include "lint/shell/facts.h"
#include "lint/shell/parser.h"
#include "lint/shell/walk.h"

namespace mybuild::lint::shell {
namespace {

constexpr int kMaxWrapperDepth = 8;

struct WrapperSpec {
  std::string_view name;
  std::string_view value_flags;  // single-letter options that take a value
  int positional = 0;            // operands before the command (timeout 5)
};

constexpr WrapperSpec kWrappers[] = {
    {"sudo", "ugpCDrtTUh", 0}, {"env", "uCS", 0},    {"nice", "n", 0},
    {"nohup", "", 0},          {"time", "fo", 0},    {"exec", "a", 0},
    {"command", "", 0},        {"timeout", "sk", 1}, {"xargs", "IiLlnPsdEa", 0},
    {"gosu", "", 1},           {"su-exec", "", 1},   {"chroot", "", 1},
    {"stdbuf", "ioe", 0},      {"ionice", "cnp", 0},
};

const WrapperSpec* FindWrapper(std::string_view name) {
  for (const WrapperSpec& w : kWrappers) {
    if (w.name == name) return &w;
  }
  return nullptr;
}

bool IsAssignment(std::string_view w) {
  size_t eq = w.find('=');
  return eq != std::string_view::npos && eq > 0 &&
         std::all_of(w.begin(), w.begin() + eq, [](char c) {
           return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
         });
}

// Index in `args` of the wrapped command's name, or args.size().
size_t WrappedStart(const WrapperSpec& spec,
                    const std::vector<std::string>& args) {
  size_t i = 0;
  while (i < args.size()) {
    std::string_view a = args[i];
    if (a == "--") {
      ++i;
      break;
    }
    if (a.size() > 1 && a[0] == '-') {
      bool long_opt = a[1] == '-';
      char last = a.back();
      ++i;
      if (!long_opt && a.size() == 2 &&
          spec.value_flags.find(last) != std::string_view::npos) {
        ++i;  // `-u root`: skip the value too
      }
      continue;
    }
    if (spec.name == "env" && IsAssignment(a)) {
      ++i;
      continue;
    }
    break;
  }
  if (spec.name == "command" &&
      std::any_of(
          args.begin(), args.begin() + std::min(i, args.size()),
          [](const std::string& a) { return a == "-v" || a == "-V"; })) {
    return args.size();  // `command -v x` looks x up, it does not run it
  }
  return std::min(args.size(), i + spec.positional);
}

// `sh -c 'script'`, `bash -ec "..."`: the script argument, or nullptr.
const std::string* ShellScriptArg(const Invocation& inv) {
  static const std::set<std::string_view> kShells = {"sh",  "bash", "dash",
                                                     "ash", "zsh",  "ksh"};
  if (!kShells.count(inv.name)) return nullptr;
  for (size_t i = 0; i + 1 < inv.args.size(); ++i) {
    const std::string& a = inv.args[i];
    if (a.size() < 2 || a[0] != '-' || a[1] == '-') {
      if (a == "-o" || a == "+o") continue;
      if (i > 0 && (inv.args[i - 1] == "-o" || inv.args[i - 1] == "+o"))
        continue;
      return nullptr;
    }
    if (a.find('c') != std::string::npos) return &inv.args[i + 1];
  }
  return nullptr;
}

// `bash <<EOF` ... `EOF`: a shell reading its script from a here-doc.
const std::string* HeredocScript(const Invocation& inv) {
  static const std::set<std::string_view> kShells = {"sh",  "bash", "dash",
                                                     "ash", "zsh",  "ksh"};
  if (!kShells.count(inv.name) || inv.node == nullptr) return nullptr;
  for (const std::string& a : inv.args) {
    if (a.empty() || a[0] != '-') return nullptr;  // runs a script file
  }
  for (const Redirect& r : inv.node->redirects) {
    if ((r.op == "<<" || r.op == "<<-") && (r.fd == -1 || r.fd == 0)) {
      return &r.heredoc;
    }
  }
  return nullptr;
}

void Unwrap(const Invocation& inv, int depth, std::vector<Invocation>* out) {
  if (depth >= kMaxWrapperDepth) return;
  const std::string* script = ShellScriptArg(inv);
  if (script == nullptr && inv.wrapper.empty()) script = HeredocScript(inv);
  if (script != nullptr) {
    Script parsed = ParseScript(*script);
    const std::string wrapper = inv.name + " -c";
    ForEachCommand(parsed.body, [&](const Command& c) {
      if (c.kind != Command::Kind::kSimple || c.words.empty()) return;
      size_t first = out->size();
      CollectInvocations(c, depth + 1, out);
      for (size_t i = first; i < out->size(); ++i) {
        (*out)[i].node = inv.node;
        if ((*out)[i].wrapper.empty()) (*out)[i].wrapper = wrapper;
      }
    });
    return;
  }
  const WrapperSpec* spec = FindWrapper(inv.name);
  if (!spec) return;
  size_t start = WrappedStart(*spec, inv.args);
  if (start >= inv.args.size()) return;
  Invocation inner = Invocation::Make(
      inv.args[start],
      std::vector<std::string>(inv.args.begin() + start + 1, inv.args.end()));
  inner.wrapper = inv.name;
  inner.node = inv.node;
  out->push_back(inner);
  Unwrap(inner, depth + 1, out);
}

}  // namespace

void CollectInvocations(const Command& cmd, int depth,
                        std::vector<Invocation>* out) {
  if (cmd.words.empty()) return;
  std::vector<std::string> args;
  args.reserve(cmd.words.size() - 1);
  for (size_t i = 1; i < cmd.words.size(); ++i)
    args.push_back(cmd.words[i].value);
  Invocation inv = Invocation::Make(cmd.words[0].value, std::move(args));
  inv.node = &cmd;
  out->push_back(inv);
  Unwrap(inv, depth, out);
}

}  // namespace mybuild::lint::shell
