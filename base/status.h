// Errors as values: Status says whether an operation worked and, if not,
// why; Expected<T> carries either a T or the Status that explains its absence.
// No exception crosses a folder boundary; library exceptions are caught at the
// edge and turned into a Status.
#pragma once

#include <string>
#include <utility>
#include <variant>

namespace mybuild {

enum class ErrorCode {
  kOk = 0,
  kInvalidArgument,  // the user's input is wrong (Dockerfile, flags, refs)
  kNotFound,         // a file, image, tag or blob does not exist
  kIo,               // a system call failed
  kUnavailable,      // a remote peer failed or could not be reached
  kInternal,         // a bug or an impossible state
  kBuildFailed,      // a RUN step exited non-zero
  kCancelled,        // interrupted by a signal
  kUnauthenticated,  // a registry wants credentials we lack, or rejected ours
  kRejected,         // a registry refused what was sent (a manifest)
  kUntrusted,        // a server's TLS certificate is not trusted
};

class Status {
 public:
  Status() = default;
  Status(ErrorCode code, std::string message)
      : code_(code), message_(std::move(message)) {}

  static Status Ok() { return Status(); }

  bool ok() const { return code_ == ErrorCode::kOk; }
  ErrorCode code() const { return code_; }
  // The human-readable message, already formatted for the user.
  const std::string& message() const { return message_; }

  // Returns a copy whose message is "prefix: message".
  Status WithPrefix(const std::string& prefix) const {
    return Status(code_, prefix + ": " + message_);
  }

 private:
  ErrorCode code_ = ErrorCode::kOk;
  std::string message_;
};

inline Status InvalidArgument(std::string m) {
  return Status(ErrorCode::kInvalidArgument, std::move(m));
}
inline Status NotFound(std::string m) {
  return Status(ErrorCode::kNotFound, std::move(m));
}
inline Status IoError(std::string m) {
  return Status(ErrorCode::kIo, std::move(m));
}
inline Status Unavailable(std::string m) {
  return Status(ErrorCode::kUnavailable, std::move(m));
}
inline Status Internal(std::string m) {
  return Status(ErrorCode::kInternal, std::move(m));
}

// Formats a failed system call the same way everywhere:
//   open "/var/lib/mybuild/x": No such file or directory
// `err` is the errno value at the time of failure.
Status SysError(const std::string& call, const std::string& path, int err);

template <typename T>
class Expected {
 public:
  Expected(T value) : v_(std::move(value)) {}  // NOLINT: implicit by design
  Expected(Status status) : v_(std::move(status)) {}  // NOLINT

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }

  // Requires ok().
  T& value() & { return std::get<0>(v_); }
  const T& value() const& { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  // The error; Status::Ok() when a value is held.
  Status status() const { return ok() ? Status::Ok() : std::get<1>(v_); }

 private:
  std::variant<T, Status> v_;
};

}  // namespace mybuild

#define MYBUILD_CONCAT_INNER(a, b) a##b
#define MYBUILD_CONCAT(a, b) MYBUILD_CONCAT_INNER(a, b)

// Returns the Status of `expr` from the enclosing function if it failed.
#define RETURN_IF_ERROR(expr)                          \
  do {                                                 \
    ::mybuild::Status _st = (expr);                    \
    if (!_st.ok()) return _st;                         \
  } while (0)

// Declares `lhs` from an Expected-returning `expr`, or returns its error.
#define ASSIGN_OR_RETURN(lhs, expr) \
  ASSIGN_OR_RETURN_IMPL(MYBUILD_CONCAT(_expected_, __LINE__), lhs, expr)
#define ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr) \
  auto tmp = (expr);                          \
  if (!tmp.ok()) return tmp.status();         \
  lhs = std::move(tmp).value()
