#include "base/status.h"

#include <cstring>

namespace mybuild {

Status SysError(const std::string& call, const std::string& path, int err) {
  std::string m = call;
  if (!path.empty()) m += " \"" + path + "\"";
  m += ": ";
  m += std::strerror(err);
  return Status(ErrorCode::kIo, m);
}

}  // namespace mybuild
