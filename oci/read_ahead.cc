#include "oci/read_ahead.h"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <condition_variable>
#include <mutex>
#include <system_error>
#include <thread>
#include <vector>

namespace mybuild::oci {

struct ReadAhead::State {
  struct Slot {
    std::vector<char> buf = std::vector<char>(kChunk);
    size_t len = 0;
    Status error;  // the read's failure; ends the stream
  };

  int fd;
  int64_t left;  // bytes still to read; the reader's own
  std::string name;
  Slot slots[kDepth];
  std::mutex mu;
  std::condition_variable cv;
  uint64_t filled = 0;    // slots the reader has filled, ever
  uint64_t consumed = 0;  // slots the caller is done with, ever
  bool stop = false;      // the caller is gone
  bool given = false;     // Next gave slot consumed % kDepth
  std::thread reader;

  State(int f, int64_t size, std::string n) : fd(f), left(size), name(std::move(n)) {}

  // Fills `s` with the next chunk: len 0 at the end. The end is checked
  // with a read of one byte past `size`, as a file that grew must fail.
  void Fill(Slot& s) {
    s.len = 0;
    size_t want = left > 0 ? static_cast<size_t>(std::min<int64_t>(left, kChunk)) : 1;
    ssize_t n;
    while ((n = ::read(fd, s.buf.data(), want)) < 0 && errno == EINTR) {
    }
    if (n < 0) {
      s.error = SysError("read", name, errno);
    } else if (left == 0) {
      if (n > 0) s.error = IoError("file \"" + name + "\" grew while archived");
    } else if (n == 0) {
      s.error = IoError("file \"" + name + "\" shrank while archived");
    } else {
      s.len = static_cast<size_t>(n);
      left -= n;
    }
  }

  void Run() {
    while (true) {
      Slot* s;
      {
        std::unique_lock<std::mutex> lock(mu);
        cv.wait(lock, [&] { return stop || filled - consumed < kDepth; });
        if (stop) return;
        s = &slots[filled % kDepth];
      }
      Fill(*s);
      bool last = s->len == 0;
      {
        std::lock_guard<std::mutex> lock(mu);
        ++filled;
      }
      cv.notify_all();
      if (last) return;
    }
  }
};

ReadAhead::ReadAhead(int fd, int64_t size, std::string name)
    : s_(std::make_unique<State>(fd, size, std::move(name))) {
  try {
    s_->reader = std::thread([s = s_.get()] { s->Run(); });
  } catch (const std::system_error&) {
    // No thread to be had: Next reads each chunk itself.
  }
}

ReadAhead::~ReadAhead() {
  if (!s_->reader.joinable()) return;
  {
    std::lock_guard<std::mutex> lock(s_->mu);
    s_->stop = true;
  }
  s_->cv.notify_all();
  s_->reader.join();
}

Expected<std::string_view> ReadAhead::Next() {
  State& s = *s_;
  if (!s.reader.joinable()) {
    State::Slot& slot = s.slots[0];
    RETURN_IF_ERROR(slot.error);
    s.Fill(slot);
    RETURN_IF_ERROR(slot.error);
    return std::string_view(slot.buf.data(), slot.len);
  }
  State::Slot* slot;
  {
    std::unique_lock<std::mutex> lock(s.mu);
    if (s.given) {
      // The slot given last is done with, unless it was the end.
      const State::Slot& last = s.slots[s.consumed % kDepth];
      if (last.len == 0) {
        RETURN_IF_ERROR(last.error);
        return std::string_view();
      }
      ++s.consumed;
      s.given = false;
    }
    s.cv.wait(lock, [&] { return s.filled > s.consumed; });
    slot = &s.slots[s.consumed % kDepth];
    s.given = true;
  }
  s.cv.notify_all();
  RETURN_IF_ERROR(slot->error);
  return std::string_view(slot->buf.data(), slot->len);
}

}  // namespace mybuild::oci
