#include "oci/gunzip_stream.h"

#include <isa-l/igzip_lib.h>
#include <unistd.h>

#include <cerrno>
#include <string>
#include <vector>

namespace mybuild::oci {
namespace {

constexpr size_t kInput = 1 << 20;

std::string InflateError(int r) {
  switch (r) {
    case ISAL_INVALID_WRAPPER:
      return "gzip: not gzip data (bad member header)";
    case ISAL_UNSUPPORTED_METHOD:
      return "gzip: unsupported compression method";
    case ISAL_INCORRECT_CHECKSUM:
      return "gzip: CRC-32 mismatch";
    case ISAL_INVALID_BLOCK:
    case ISAL_INVALID_SYMBOL:
    case ISAL_INVALID_LOOKBACK:
      return "gzip: invalid deflate data";
    default:
      return "gzip: inflate failed (" + std::to_string(r) + ")";
  }
}

}  // namespace

struct GunzipStream::Impl {
  int fd = -1;
  inflate_state state;
  std::vector<uint8_t> input = std::vector<uint8_t>(kInput);
  bool eof = false;          // the file has no more bytes
  bool member_done = false;  // the current member ended

  void Start() {
    isal_inflate_init(&state);
    state.crc_flag = ISAL_GZIP;
  }

  // Refills the input when it is used up; false at the end of the file.
  Expected<bool> Fill() {
    if (state.avail_in > 0) return true;
    if (eof) return false;
    ssize_t n;
    do {
      n = ::read(fd, input.data(), input.size());
    } while (n < 0 && errno == EINTR);
    if (n < 0) return SysError("read", "gzip data", errno);
    if (n == 0) {
      eof = true;
      return false;
    }
    state.next_in = input.data();
    state.avail_in = static_cast<uint32_t>(n);
    return true;
  }
};

GunzipStream::GunzipStream(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
GunzipStream::~GunzipStream() = default;

std::unique_ptr<GunzipStream> GunzipStream::Open(int fd) {
  auto impl = std::make_unique<Impl>();
  impl->fd = fd;
  impl->Start();
  return std::unique_ptr<GunzipStream>(new GunzipStream(std::move(impl)));
}

Expected<size_t> GunzipStream::Read(char* out, size_t cap) {
  Impl& s = *impl_;
  for (;;) {
    ASSIGN_OR_RETURN(bool more, s.Fill());
    if (s.member_done) {
      if (!more) return size_t{0};
      // Another member follows: a fresh state, the same input.
      uint8_t* next = s.state.next_in;
      uint32_t avail = s.state.avail_in;
      if (avail >= 2 && (next[0] != 0x1f || next[1] != 0x8b)) {
        return InvalidArgument("gzip: bytes after the last member are not gzip data");
      }
      s.Start();
      s.state.next_in = next;
      s.state.avail_in = avail;
      s.member_done = false;
    } else if (!more) {
      return InvalidArgument("gzip: data ends inside a member");
    }
    s.state.next_out = reinterpret_cast<uint8_t*>(out);
    s.state.avail_out = static_cast<uint32_t>(cap);
    int r = isal_inflate(&s.state);
    if (r < 0) return InvalidArgument(InflateError(r));
    size_t produced = cap - s.state.avail_out;
    if (s.state.block_state == ISAL_BLOCK_FINISH) s.member_done = true;
    if (produced > 0) return produced;
  }
}

}  // namespace mybuild::oci
