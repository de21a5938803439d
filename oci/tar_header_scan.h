// A second look at a tar stream's headers, beside libarchive's: libarchive
// cuts a PAX `path` or `linkpath` value (and a GNU long name) at its first
// NUL byte and says nothing, so "safe\0../x" would be read as "safe". The
// scan follows the stream's 512-byte headers itself and refuses such names.
// It never refuses what it cannot follow: on a header whose checksum does
// not match (not a tar, or a block it lost track of) it stops looking and
// leaves the verdict to libarchive.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "base/status.h"

namespace mybuild::oci {

class TarHeaderScan {
 public:
  // Takes the next bytes of the uncompressed stream. Fails with
  // kInvalidArgument, e.g.
  //   entry 2: PAX path holds a NUL byte
  //   entry 1: GNU long link name holds a NUL byte
  // (entries counted as libarchive counts them, from 1).
  Status Feed(std::string_view bytes);

 private:
  Status Header();
  Status Extension();
  enum class State { kHeader, kExtension, kSkip, kDone };
  State state_ = State::kHeader;
  std::string block_;      // the header being gathered
  std::string extension_;  // the PAX or GNU long-name content being gathered
  char type_ = 0;          // its header's typeflag
  uint64_t left_ = 0;      // bytes of content (and padding) still to come
  uint64_t pad_ = 0;       // padding after an extension's content
  int entries_ = 0;        // entries whose header was seen
};

}  // namespace mybuild::oci
