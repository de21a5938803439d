#include "bench/compress/corpus.h"

#include <array>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <vector>

namespace mybuild::bench {
namespace {

struct SplitMix64 {
  uint64_t state;
  uint64_t Next() {
    uint64_t z = (state += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
  }
  size_t Below(size_t n) { return static_cast<size_t>(Next() % n); }
  double Unit() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }
};

constexpr std::array<const char*, 12> kPunctuation = {
    " ", " ", " ", " ", "(", ") ", "; ", ", ", " = ", ".", " -> ", "_"};

// One line: indentation, then 2-10 words each followed by punctuation.
// Word i of the vocabulary is picked with a skew (cube of a uniform
// number), so a few words are everywhere and most are rare, as in code.
std::string FreshLine(SplitMix64& rng, const std::vector<std::string>& words) {
  std::string line(2 * rng.Below(6), ' ');
  for (size_t n = 2 + rng.Below(9); n > 0; --n) {
    double u = rng.Unit();
    line += words[static_cast<size_t>(words.size() * u * u * u)];
    line += kPunctuation[rng.Below(kPunctuation.size())];
  }
  return line + "\n";
}

}  // namespace

std::string IncompressibleBytes(size_t size) {
  SplitMix64 rng{42};
  std::string out(size, '\0');
  for (size_t i = 0; i < size; i += 8) {
    uint64_t v = rng.Next();
    std::memcpy(out.data() + i, &v, size - i < 8 ? size - i : 8);
  }
  return out;
}

std::string SourceLikeText(size_t size) {
  SplitMix64 rng{7};
  std::vector<std::string> words(2000);
  for (std::string& w : words) {
    for (size_t n = 2 + rng.Below(9); n > 0; --n) {
      w += static_cast<char>('a' + rng.Below(26));
    }
  }
  // Half the lines repeat one of the last 256, as code repeats itself.
  std::array<std::string, 256> recent;
  std::string out;
  out.reserve(size + 256);
  for (size_t n = 0; out.size() < size; ++n) {
    if (n >= recent.size() && rng.Below(2) == 0) {
      out += recent[rng.Below(recent.size())];
    } else {
      recent[n % recent.size()] = FreshLine(rng, words);
      out += recent[n % recent.size()];
    }
  }
  out.resize(size);
  return out;
}

}  // namespace mybuild::bench
