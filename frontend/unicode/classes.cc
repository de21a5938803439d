#include "frontend/unicode/classes.h"

#include <algorithm>
#include <cstdint>
#include <iterator>

namespace mybuild::frontend::unicode {
namespace {

struct CodeRange {
  char32_t lo, hi;
};
struct CaseRange {
  char32_t lo, hi;
  int stride;
  int32_t delta;
};

#include "frontend/unicode/tables.inc"

// The range of `table` (sorted by lo) whose lo is the last one <= r, or
// nullptr when r is below them all.
template <typename Range, size_t N>
const Range* Floor(const Range (&table)[N], char32_t r) {
  auto it = std::upper_bound(
      std::begin(table), std::end(table), r,
      [](char32_t v, const Range& range) { return v < range.lo; });
  return it == std::begin(table) ? nullptr : &*std::prev(it);
}

template <size_t N>
bool InTable(const CodeRange (&table)[N], char32_t r) {
  const CodeRange* range = Floor(table, r);
  return range != nullptr && r <= range->hi;
}

}  // namespace

bool IsSpace(char32_t r) {
  if (r < 0x100) {
    return (r >= '\t' && r <= '\r') || r == ' ' || r == 0x85 || r == 0xA0;
  }
  return r == 0x1680 || (r >= 0x2000 && r <= 0x200A) || r == 0x2028 ||
         r == 0x2029 || r == 0x202F || r == 0x205F || r == 0x3000;
}

bool IsPrint(char32_t r) {
  if (r < 0x80) return r >= 0x20 && r < 0x7F;
  return InTable(kPrint, r);
}

bool IsLetter(char32_t r) {
  if (r < 0x80) return (r | 0x20) >= 'a' && (r | 0x20) <= 'z';
  return InTable(kLetter, r);
}

bool IsDigit(char32_t r) {
  if (r < 0x80) return r >= '0' && r <= '9';
  return InTable(kDigit, r);
}

char32_t ToLower(char32_t r) {
  if (r < 0x80) return (r >= 'A' && r <= 'Z') ? r + 32 : r;
  const CaseRange* range = Floor(kToLower, r);
  if (range == nullptr || r > range->hi || (r - range->lo) % range->stride) {
    return r;
  }
  return static_cast<char32_t>(static_cast<int32_t>(r) + range->delta);
}

}  // namespace mybuild::frontend::unicode
