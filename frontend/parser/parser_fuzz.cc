// libFuzzer target for the Dockerfile parser: the raw parser, its dump and
// the typed frontend on the same input. Besides memory errors (ASan) it
// checks that line spans are ordered and inside the file, and that the
// typed frontend never accepts what the raw parser rejects.
//
// Build (a separate output base keeps the instrumented objects apart):
//   bazel --output_base=$HOME/.cache/bazel/mybuild-fuzz build --config=fuzz
//       //frontend/parser:parser_fuzz
// Run, seeded from the shared conformance data:
//   mkdir -p /tmp/parser_corpus
//   <bazel-bin>/frontend/parser/parser_fuzz -max_total_time=300
//       /tmp/parser_corpus ../shared/conformance/buildkit-parser
//       ../shared/corpus/dockerfiles
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "frontend/dockerfile.h"
#include "frontend/parser/parser.h"

namespace {

void Check(bool ok, const char* what) {
  if (!ok) {
    std::fprintf(stderr, "invariant failed: %s\n", what);
    std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const int lines = static_cast<int>(std::count(text.begin(), text.end(), '\n')) + 1;
  namespace p = mybuild::frontend::parser;
  p::ParseError error;
  mybuild::Expected<p::ParseResult> raw = p::Parse(text, &error);
  if (raw.ok()) {
    const std::string dump = p::Dump(raw->root);
    Check(!dump.empty(), "a parsed file has a non-empty dump");
    int previous_end = 0;
    for (const p::Node& n : raw->root.children) {
      Check(n.start_line > previous_end, "instructions do not overlap");
      Check(n.start_line <= n.end_line, "span is ordered");
      Check(n.end_line <= lines, "span is inside the file");
      previous_end = n.end_line;
    }
  } else {
    Check(error.start_line <= error.end_line || error.end_line == 0,
          "error span is ordered");
  }
  mybuild::Expected<mybuild::frontend::Dockerfile> typed =
      mybuild::frontend::ParseDockerfile(text, "Dockerfile");
  Check(raw.ok() || !typed.ok(), "typed fails where raw fails");
  if (!typed.ok()) {
    Check(typed.status().message().rfind("Dockerfile:", 0) == 0,
          "errors start with the file name");
  }
  return 0;
}
