#include "bench/build/debian_base.h"

#include <cstdio>
#include <filesystem>

#include "base/fd.h"

namespace mybuild::bench {

std::string PushDebianBase(const BuildHarness& h) {
  const std::string dir = "/tmp/mybuild-bench-debian";
  std::error_code ec;
  if (!std::filesystem::exists(dir + "/rootfs/etc/debian_version", ec)) {
    if (!registry::testing::ToolInstalled("debootstrap")) {
      std::fprintf(stderr, "no Debian case: debootstrap is not installed\n");
      return "";
    }
    std::fprintf(stderr, "debootstrap --variant=minbase bookworm %s/rootfs ...\n", dir.c_str());
    std::filesystem::remove_all(dir + "/rootfs.tmp", ec);
    (void)MakeDirs(dir);
    Expected<CommandResult> r = registry::testing::RunCommand(
        {"debootstrap", "--variant=minbase", "bookworm", dir + "/rootfs.tmp"});
    if (!r.ok() || r->exit_code != 0) {
      std::fprintf(stderr, "no Debian case: debootstrap failed:\n%s\n",
                   r.ok() ? r->output.c_str() : r.status().message().c_str());
      return "";
    }
    std::filesystem::rename(dir + "/rootfs.tmp", dir + "/rootfs", ec);
  }
  // An image's /dev is empty: the runtime makes it.
  for (const auto& e : std::filesystem::directory_iterator(dir + "/rootfs/dev", ec)) {
    std::filesystem::remove_all(e.path(), ec);
  }
  std::string ref = h.registry_host() + "/debian:bookworm";
  if (!WriteTree(h.Path("debian-base"),
                 {{"Dockerfile", "FROM scratch\nCOPY rootfs/ /\nCMD [\"bash\"]\n"}})
           .ok()) {
    return "";
  }
  Expected<CommandResult> r = h.Mybuild(
      {"build", "--root", h.Path("debian-base-root"), "-f", h.Path("debian-base/Dockerfile"),
       "-t", ref, "--push", "--progress", "quiet", dir});
  if (!r.ok() || r->exit_code != 0) {
    std::fprintf(stderr, "no Debian case: pushing the base failed:\n%s\n",
                 r.ok() ? r->output.c_str() : r.status().message().c_str());
    return "";
  }
  return ref;
}

}  // namespace mybuild::bench
