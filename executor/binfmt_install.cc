#include "executor/binfmt_install.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <map>
#include <sstream>

#include "base/fd.h"
#include "executor/binfmt_check.h"

namespace mybuild::executor {
namespace {

// One write(2) of `text` to the kernel file `path`, as binfmt_misc wants.
Status WriteKernelFile(const std::string& path, const std::string& text) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
  if (fd < 0) return IoError("open \"" + path + "\": " + std::strerror(errno));
  ssize_t n = ::write(fd, text.data(), text.size());
  int err = errno;
  ::close(fd);
  if (n != static_cast<ssize_t>(text.size())) {
    return IoError("write \"" + path + "\": " + std::strerror(n < 0 ? err : EIO));
  }
  return Status::Ok();
}

}  // namespace

Expected<std::string> RegisterLine(const std::string& name, const std::string& text,
                                   const std::string& path) {
  std::map<std::string, std::string> fields;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    size_t space = line.find(' ');
    if (space != std::string::npos) fields[line.substr(0, space)] = line.substr(space + 1);
  }
  for (const char* need : {"interpreter", "magic"}) {
    if (fields[need].empty()) return InvalidArgument(path + ": no \"" + need + "\" line");
  }
  std::string flags;
  if (fields["preserve"] == "yes") flags += "P";
  if (fields["credentials"] == "yes") flags += "C";
  flags += "F";
  std::string offset = fields["offset"].empty() ? "0" : fields["offset"];
  return ":" + name + ":M:" + offset + ":" + fields["magic"] + ":" + fields["mask"] + ":" +
         fields["interpreter"] + ":" + flags;
}

Expected<std::vector<std::string>> InstallBinfmt(const std::vector<std::string>& architectures,
                                                 const BinfmtPaths& paths) {
  std::vector<std::string> done;
  for (const std::string& arch : architectures) {
    std::string name = QemuHandlerName(arch);
    std::string what = "binfmt install " + arch + ": ";
    if (name.empty()) {
      return InvalidArgument(what + "mybuild knows no qemu-user handler for it" +
                             (arch == "amd64" ? " (it runs natively)" : ""));
    }
    if (CheckEmulation("linux/" + arch, arch, paths.binfmt_misc).ok()) {
      done.push_back(name + ": already registered with the F flag");
      continue;
    }
    std::string spec_path = paths.specs + "/" + name;
    Expected<std::string> spec = ReadFile(spec_path);
    if (!spec.ok()) {
      return NotFound(what + "no " + spec_path + " (apt-get install qemu-user-static)");
    }
    ASSIGN_OR_RETURN(std::string line, RegisterLine(name, *spec, spec_path));
    std::string entry = paths.binfmt_misc + "/" + name;
    if (ReadFile(entry).ok()) {  // registered without F, or disabled: replaced
      Status removed = WriteKernelFile(entry, "-1");
      if (!removed.ok()) return removed.WithPrefix(what + "removing " + entry);
    }
    Status st = WriteKernelFile(paths.binfmt_misc + "/register", line);
    if (!st.ok()) {
      return st.WithPrefix(what + "(is binfmt_misc mounted? mount -t binfmt_misc "
                                  "binfmt_misc " + paths.binfmt_misc + ")");
    }
    done.push_back(name + ": registered with flags " + line.substr(line.rfind(':') + 1));
  }
  return done;
}

}  // namespace mybuild::executor
