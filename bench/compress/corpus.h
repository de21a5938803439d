// Deterministic benchmark inputs: the same bytes on every run and machine.
#pragma once

#include <cstddef>
#include <string>

namespace mybuild::bench {

// `size` bytes that deflate cannot shrink (a splitmix64 stream).
std::string IncompressibleBytes(size_t size);

// `size` bytes of text shaped like source code: indented lines of words
// from a skewed vocabulary, half the lines repeating a recent one. gzip -6
// takes it to about 25% at the speed it runs on real source files.
std::string SourceLikeText(size_t size);

}  // namespace mybuild::bench
