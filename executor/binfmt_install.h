// `mybuild binfmt install`: registers Debian's qemu-user-static handlers in
// the kernel's binfmt_misc with the F flag (the interpreter opened now, so
// it works inside a sandbox's root). Only this explicit command does it; a
// build only reads what is registered (binfmt_check.h).
#pragma once

#include <string>
#include <vector>

#include "base/status.h"

namespace mybuild::executor {

struct BinfmtPaths {
  std::string specs = "/usr/share/binfmts";           // Debian's qemu-<cpu> files
  std::string binfmt_misc = "/proc/sys/fs/binfmt_misc";  // mounted binfmt_misc
};

// The line written to binfmt_misc/register for Debian's handler file
// `spec` (its "interpreter", "magic", "mask", "offset" and the flags it
// says, F always): ":qemu-aarch64:M:0:\x7f...:\xff...:/usr/libexec/...:PF".
// Fails naming the file and the missing field.
Expected<std::string> RegisterLine(const std::string& name, const std::string& spec_text,
                                   const std::string& spec_path);

// For each architecture (GOARCH spelling, e.g. "arm64"): nothing when its
// handler is enabled with the F flag; else the entry (one without F is
// removed first) registered from paths.specs/qemu-<cpu>. Returns one line
// per architecture saying what was done, e.g.
//   qemu-aarch64: registered with flags PF
//   qemu-arm: already registered with the F flag
// Fails naming the architecture and what is missing, e.g.
//   binfmt install arm64: no /usr/share/binfmts/qemu-aarch64 (apt-get
//   install qemu-user-static)
Expected<std::vector<std::string>> InstallBinfmt(const std::vector<std::string>& architectures,
                                                 const BinfmtPaths& paths = {});

}  // namespace mybuild::executor
