// Reading a Dockerfile with bounded memory: a file or a stream (stdin for
// `-f -`) is read in chunks and refused as soon as it is over a limit,
// never held whole first.
#pragma once

#include <cstddef>
#include <istream>
#include <string>

#include "base/status.h"

namespace mybuild::frontend {

// The most a Dockerfile may hold.
inline constexpr size_t kMaxDockerfileBytes = size_t{16} << 20;

// Reads the Dockerfile at `path`; `name` is what errors call it. Fails
// (InvalidArgument) as soon as the file shows to be too big:
//   Dockerfile: the file is 1073741824 bytes, over the 16 MiB limit for a Dockerfile
//   Dockerfile: the file is over the 16 MiB limit for a Dockerfile
// (the second when it grows while read), or a line to be longer than the
// parser takes (parser::kMaxLineBytes), reading no more of it than that:
//   Dockerfile:3: dockerfile line greater than max allowed size of 65535
// An open or read error is a SysError naming `path`.
Expected<std::string> ReadDockerfileFile(const std::string& path,
                                         const std::string& name);

// The same for a stream (stdin), whose size is known only once read; its
// errors read as those above ("the file is over the 16 MiB limit ...").
// A stream that fails before its end fails with "NAME: read error".
Expected<std::string> ReadDockerfileStream(std::istream& in,
                                           const std::string& name);

}  // namespace mybuild::frontend
