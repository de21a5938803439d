// Whether RUN steps of a foreign platform can run: the kernel's binfmt_misc
// must hold an enabled qemu-user handler for the architecture, registered
// with the F flag (the interpreter opened at registration, so it works
// inside the sandbox's root). mybuild only reads; it never registers one.
#pragma once

#include <string>

#include "base/status.h"

namespace mybuild::executor {

// The binfmt_misc entry name Debian's qemu-user-static registers for
// `architecture` (GOARCH spelling: "arm64" -> "qemu-aarch64"); "" for amd64
// (native) and for architectures it has no handler for.
std::string QemuHandlerName(const std::string& architecture);

// Ok for amd64 and when `dir`/<handler> is enabled with the F flag. Else
// Unavailable naming what to do, e.g.
//   RUN for linux/arm64 needs a binfmt_misc handler: no qemu-aarch64 in
//   /proc/sys/fs/binfmt_misc (apt-get install qemu-user-static
//   binfmt-support; mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc;
//   update-binfmts --enable qemu-aarch64)
Status CheckEmulation(const std::string& platform, const std::string& architecture,
                      const std::string& dir = "/proc/sys/fs/binfmt_misc");

}  // namespace mybuild::executor
