#include "cli/exit_codes.h"

#include <ostream>

namespace mybuild::cli {

int ExitCodeFor(const Status& st) {
  switch (st.code()) {
    case ErrorCode::kOk:
      return kExitOk;
    case ErrorCode::kUnauthenticated:
      return kExitAuth;
    case ErrorCode::kUnavailable:
    case ErrorCode::kUntrusted:  // not reachable safely; never retried
      return kExitUnreachable;
    case ErrorCode::kRejected:
      return kExitRejected;
    case ErrorCode::kInvalidArgument:
      return st.message().starts_with("usage") ? kExitUsage : kExitFailed;
    default:
      return kExitFailed;
  }
}

int Fail(std::ostream& err, const Status& st) {
  err << "mybuild: " << st.message() << "\n";
  return ExitCodeFor(st);
}

}  // namespace mybuild::cli
