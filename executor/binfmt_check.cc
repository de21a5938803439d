#include "executor/binfmt_check.h"

#include <fstream>
#include <sstream>

namespace mybuild::executor {

std::string QemuHandlerName(const std::string& a) {
  if (a == "arm64") return "qemu-aarch64";
  if (a == "arm") return "qemu-arm";
  if (a == "386") return "qemu-i386";
  if (a == "ppc64le" || a == "s390x" || a == "riscv64" || a == "mips64le") return "qemu-" + a;
  return "";
}

Status CheckEmulation(const std::string& platform, const std::string& architecture,
                      const std::string& dir) {
  if (architecture == "amd64") return Status::Ok();
  std::string name = QemuHandlerName(architecture);
  std::string head = "RUN for " + platform + " needs a binfmt_misc handler: ";
  if (name.empty()) return Unavailable(head + "mybuild knows none for " + architecture);
  std::string fix = " (apt-get install qemu-user-static binfmt-support; mount -t binfmt_misc "
                    "binfmt_misc /proc/sys/fs/binfmt_misc; update-binfmts --enable " + name + ")";
  std::ifstream in(dir + "/" + name);
  if (!in) return Unavailable(head + "no " + name + " in " + dir + fix);
  std::stringstream text;
  text << in.rdbuf();
  std::string s = text.str();
  if (!s.starts_with("enabled")) {
    return Unavailable(head + dir + "/" + name + " is disabled" + fix);
  }
  size_t flags = s.find("\nflags: ");
  size_t end = flags == std::string::npos ? flags : s.find('\n', flags + 1);
  if (flags == std::string::npos ||
      s.substr(flags + 8, end - flags - 8).find('F') == std::string::npos) {
    return Unavailable(head + dir + "/" + name +
                              " lacks the F flag, so the sandbox cannot open its interpreter" +
                              fix);
  }
  return Status::Ok();
}

}  // namespace mybuild::executor
