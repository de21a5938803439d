// `mybuild lint` as a standalone program (RunLint over argv), to time the
// whole command and to try it before it is wired into the mybuild binary:
//   bazel run -c opt //bench/lint:lint_cli -- -f json Dockerfile
#include <iostream>
#include <string>
#include <vector>

#include "lint/run_lint.h"

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  return mybuild::lint::RunLint(args, std::cin, std::cout, std::cerr);
}
