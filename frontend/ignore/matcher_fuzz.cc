// libFuzzer target for the .dockerignore reader and matcher. The input is a
// .dockerignore file, then a NUL byte, then context paths one per line.
// Besides memory errors (ASan), it checks two properties every path must
// have: a match of an ancestor is a match of the path (the parent rule), and
// a directory that is excluded and that no exception can reach into has
// only excluded paths under it (what lets a walk skip it).
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "frontend/ignore/matcher.h"
#include "frontend/ignore/reader.h"

using mybuild::frontend::ignore::IgnoreLine;
using mybuild::frontend::ignore::Matcher;
using mybuild::frontend::ignore::ParseIgnoreFile;

namespace {

void CheckPath(const Matcher& m, std::string_view path) {
  if (path.empty()) return;
  const bool excluded = m.Excluded(path);
  for (size_t k = path.find('/', 1); k != std::string_view::npos;
       k = path.find('/', k + 1)) {
    const std::string_view dir = path.substr(0, k);
    if (m.Excluded(dir) && !m.MayReincludeUnder(dir) && !excluded) {
      std::abort();  // the walk would have skipped an included path
    }
    for (const auto& p : m.patterns()) {
      if (p.Matches(dir) && !p.Matches(path)) std::abort();
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const size_t nul = input.find('\0');
  const std::string_view file = input.substr(0, nul);
  std::vector<std::string> patterns;
  for (const IgnoreLine& line : ParseIgnoreFile(file)) {
    patterns.push_back(line.pattern);
  }
  mybuild::Expected<Matcher> m = Matcher::Create(patterns);
  if (!m.ok() || nul == std::string_view::npos) return 0;
  std::string_view paths = input.substr(nul + 1);
  while (!paths.empty()) {
    const size_t nl = paths.find('\n');
    CheckPath(*m, paths.substr(0, nl));
    paths.remove_prefix(nl == std::string_view::npos ? paths.size() : nl + 1);
  }
  return 0;
}
