#include "lint/shell/invocation.h"

#include <algorithm>

namespace mybuild::lint::shell {
namespace {

std::vector<Flag> ParseFlags(const std::vector<std::string>& args) {
  std::vector<Flag> flags;
  for (size_t i = 0; i < args.size(); ++i) {
    std::string_view a = args[i];
    if (a == "-" || a == "--" || a.empty() || a[0] != '-') continue;
    if (a.substr(0, 2) == "--") {
      std::string_view body = a.substr(2);
      flags.push_back(Flag{std::string(body.substr(0, body.find('='))), i});
      continue;
    }
    for (char c : a.substr(1)) flags.push_back(Flag{std::string(1, c), i});
  }
  return flags;
}

std::string Basename(std::string name) {
  size_t slash = name.rfind('/');
  if (slash != std::string::npos && slash + 1 < name.size()) {
    name.erase(0, slash + 1);
  }
  return name;
}

}  // namespace

Invocation Invocation::Make(std::string name, std::vector<std::string> args) {
  Invocation inv;
  inv.name = Basename(std::move(name));
  inv.args = std::move(args);
  inv.flags = ParseFlags(inv.args);
  return inv;
}

bool Invocation::HasFlag(std::string_view flag) const {
  return std::any_of(flags.begin(), flags.end(),
                     [&](const Flag& f) { return f.name == flag; });
}

bool Invocation::HasAnyFlag(
    std::initializer_list<std::string_view> wanted) const {
  for (std::string_view f : wanted) {
    if (HasFlag(f)) return true;
  }
  return false;
}

bool Invocation::HasArg(std::string_view arg) const {
  return std::find(args.begin(), args.end(), arg) != args.end();
}

bool Invocation::HasAnyArg(
    std::initializer_list<std::string_view> wanted) const {
  for (std::string_view a : wanted) {
    if (HasArg(a)) return true;
  }
  return false;
}

bool Invocation::HasArgWithPrefix(std::string_view prefix) const {
  return std::any_of(args.begin(), args.end(), [&](const std::string& a) {
    return std::string_view(a).substr(0, prefix.size()) == prefix;
  });
}

bool Invocation::Is(std::string_view cmd, std::string_view arg) const {
  return name == cmd && HasArg(arg);
}

std::vector<std::string> Invocation::ArgsNoFlags() const {
  std::vector<std::string> out;
  for (size_t i = 0; i < args.size(); ++i) {
    bool is_flag = std::any_of(flags.begin(), flags.end(),
                               [&](const Flag& f) { return f.arg == i; });
    if (!is_flag) out.push_back(args[i]);
  }
  return out;
}

Invocation Invocation::DropFlagArg(
    std::initializer_list<std::string_view> drop) const {
  std::vector<bool> dropped(args.size(), false);
  for (const Flag& f : flags) {
    if (std::find(drop.begin(), drop.end(), f.name) == drop.end()) continue;
    if (f.arg + 1 < args.size()) dropped[f.arg + 1] = true;
  }
  Invocation out = *this;
  out.args.clear();
  for (size_t i = 0; i < args.size(); ++i) {
    if (!dropped[i]) out.args.push_back(args[i]);
  }
  out.flags = ParseFlags(out.args);
  return out;
}

}  // namespace mybuild::lint::shell
