#include "base/testing/shell.h"

#include <stdio.h>
#include <sys/wait.h>

namespace mybuild::testing {

std::string Shell(const std::string& cmd, bool* ok) {
  FILE* p = ::popen(cmd.c_str(), "r");
  std::string out;
  char buf[65536];
  size_t n;
  while (p && (n = ::fread(buf, 1, sizeof(buf), p)) > 0) out.append(buf, n);
  int rc = p ? ::pclose(p) : -1;
  *ok = rc != -1 && WIFEXITED(rc) && WEXITSTATUS(rc) == 0;
  return out;
}

bool Installed(const std::string& tool) {
  bool ok = false;
  Shell("command -v " + tool + " >/dev/null", &ok);
  return ok;
}

}  // namespace mybuild::testing
