// Reads a file's content on a thread of its own, a few chunks ahead of the
// caller, so that copying a large file out of the page cache (or waiting
// for the disk) overlaps the caller's work on the chunk before: hashing a
// 300 MB layer file costs the SHA-256 alone, not the SHA-256 plus the copy.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "base/status.h"

namespace mybuild::oci {

class ReadAhead {
 public:
  // Files smaller than this are read by the caller: a thread would cost
  // more than it saves.
  static constexpr int64_t kMinSize = 8 << 20;
  static constexpr size_t kChunk = 512 << 10;
  static constexpr int kDepth = 4;  // chunks read ahead: 2 MiB

  // Reads exactly `size` bytes of the open file `fd`, from its offset;
  // `name` names it in errors. `fd` must stay open until this is destroyed.
  ReadAhead(int fd, int64_t size, std::string name);
  ReadAhead(const ReadAhead&) = delete;
  ReadAhead& operator=(const ReadAhead&) = delete;
  // Stops the reading thread and waits for it.
  ~ReadAhead();

  // The next bytes in order, valid until the next call; empty once `size`
  // bytes were given and the file was seen to end there. Fails with the
  // read(2) error:
  //   read "NAME": Input/output error
  // or when the file does not hold exactly `size` bytes:
  //   file "NAME" grew while archived
  //   file "NAME" shrank while archived
  Expected<std::string_view> Next();

 private:
  struct State;
  std::unique_ptr<State> s_;
};

}  // namespace mybuild::oci
