#include "frontend/dockerfile_reader.h"

#include <sys/stat.h>

#include <cerrno>

#include "base/fd.h"
#include "frontend/parser/parser.h"

namespace mybuild::frontend {
namespace {

constexpr size_t kChunk = 64 * 1024;

std::string TooBig(const std::string& name, const std::string& size) {
  return name + ": the file is " + (size.empty() ? "" : size + " bytes, ") +
         "over the 16 MiB limit for a Dockerfile";
}

// Collects the text chunk by chunk, checking both limits on the way.
class Collector {
 public:
  explicit Collector(const std::string& name) : name_(name) {}

  Status Add(std::string_view chunk) {
    if (text_.size() + chunk.size() > kMaxDockerfileBytes) {
      return InvalidArgument(TooBig(name_, ""));
    }
    const size_t start = text_.size();
    text_.append(chunk);
    for (size_t i = start; i < text_.size(); ++i) {
      if (text_[i] == '\n') {
        ++line_;
        line_bytes_ = 0;
        continue;
      }
      if (++line_bytes_ <= parser::kMaxLineBytes) continue;
      // The parser counts the first line without a byte order mark.
      const bool bom = line_ == 1 && text_.compare(0, 3, "\xEF\xBB\xBF") == 0;
      if (line_bytes_ > parser::kMaxLineBytes + (bom ? 3 : 0)) {
        return InvalidArgument(
            name_ + ":" + std::to_string(line_) +
            ": dockerfile line greater than max allowed size of " +
            std::to_string(parser::kMaxLineBytes));
      }
    }
    return Status::Ok();
  }
  std::string Take() { return std::move(text_); }

 private:
  const std::string& name_;
  std::string text_;
  int line_ = 1;
  size_t line_bytes_ = 0;
};

}  // namespace

Expected<std::string> ReadDockerfileFile(const std::string& path,
                                         const std::string& name) {
  ASSIGN_OR_RETURN(UniqueFd fd, OpenFile(path, O_RDONLY));
  struct stat st;
  if (::fstat(fd.get(), &st) != 0) return SysError("fstat", path, errno);
  if (S_ISREG(st.st_mode) &&
      static_cast<size_t>(st.st_size) > kMaxDockerfileBytes) {
    return InvalidArgument(TooBig(name, std::to_string(st.st_size)));
  }
  Collector text(name);
  std::string buf(kChunk, '\0');
  for (;;) {
    ssize_t n = ::read(fd.get(), buf.data(), buf.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return SysError("read", path, errno);
    if (n == 0) return text.Take();
    RETURN_IF_ERROR(text.Add(std::string_view(buf.data(), static_cast<size_t>(n))));
  }
}

Expected<std::string> ReadDockerfileStream(std::istream& in,
                                           const std::string& name) {
  Collector text(name);
  std::string buf(kChunk, '\0');
  while (in) {
    in.read(buf.data(), static_cast<std::streamsize>(buf.size()));
    RETURN_IF_ERROR(text.Add(std::string_view(buf.data(), static_cast<size_t>(in.gcount()))));
  }
  if (in.bad()) return InvalidArgument(name + ": read error");
  return text.Take();
}

}  // namespace mybuild::frontend
