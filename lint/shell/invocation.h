// One command a script runs, with its arguments and flags, as lint rules
// query it ("apt-get install without -y", "pip install without
// --no-cache-dir").
#pragma once

#include <cstddef>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "lint/shell/ast.h"

namespace mybuild::lint::shell {

// A flag found in the arguments, hadolint style: `--no-cache-dir=1` gives
// "no-cache-dir", `-xvf` gives "x", "v" and "f"; `-` and `--` are no flags.
struct Flag {
  std::string name;
  size_t arg = 0;  // index of the argument it came from
};

struct Invocation {
  // The command word's value; a path is reduced to its last component
  // ("/usr/bin/apt-get" -> "apt-get").
  std::string name;
  std::vector<std::string> args;  // the words after the name (their values)
  std::vector<Flag> flags;        // parsed from `args`
  // How the command was reached: "" when run directly, else the wrapper
  // ("sudo", "env", "xargs", "sh -c", ...). The wrapper itself is also
  // listed as an invocation of its own.
  std::string wrapper;
  const Command* node = nullptr;  // the simple command it came from

  // Builds an invocation from a name and arguments, parsing the flags.
  static Invocation Make(std::string name, std::vector<std::string> args);

  bool HasFlag(std::string_view flag) const;
  bool HasAnyFlag(std::initializer_list<std::string_view> flags) const;
  bool HasArg(std::string_view arg) const;
  bool HasAnyArg(std::initializer_list<std::string_view> args) const;
  bool HasArgWithPrefix(std::string_view prefix) const;
  // `name` is this command's and one of `args` is among its arguments, the
  // way hadolint matches "apt-get" with "install".
  bool Is(std::string_view cmd, std::string_view arg) const;
  // The arguments that are not flags.
  std::vector<std::string> ArgsNoFlags() const;
  // A copy without the value that follows each of `flags` (for `-o FILE`,
  // so FILE is not taken for a package name). The value of a flag is the
  // argument right after the one the flag came from, whatever it is.
  Invocation DropFlagArg(std::initializer_list<std::string_view> flags) const;
};

}  // namespace mybuild::lint::shell
