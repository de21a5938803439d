// libFuzzer target for the RUN-body shell parser and the shell facts.
// Besides memory errors (ASan), it checks that the parser never loops or
// leaves a word outside the text, and that facts and the dump can be built
// from whatever it returns.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "lint/shell/dump.h"
#include "lint/shell/facts.h"
#include "lint/shell/walk.h"

using mybuild::lint::shell::Command;
using mybuild::lint::shell::Dump;
using mybuild::lint::shell::ForEachCommand;
using mybuild::lint::shell::ParsedShell;
using mybuild::lint::shell::Word;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  ParsedShell sh(text);
  auto check = [&](const Word& w) {
    if (w.begin > w.end || w.end > text.size()) std::abort();
  };
  ForEachCommand(sh.script().body, [&](const Command& c) {
    if (c.begin > c.end || c.end > text.size()) std::abort();
    for (const Word& w : c.words) check(w);
    for (const Word& w : c.assignments) check(w);
  });
  for (const auto& e : sh.script().errors) {
    if (e.offset > text.size()) std::abort();
  }
  (void)Dump(sh.script().body);
  (void)sh.HasPipes();
  return 0;
}
