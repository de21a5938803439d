// Kept only for callers outside frontend/parser that still spell these
// parser::Quote, parser::ToLower and parser::TrimSpace (frontend/dockerfile.cc
// and parse_instruction.cc). They are frontend/unicode/go_strings.h's; new
// code includes that header and depends on //frontend/unicode:go_strings.
#pragma once

#include "frontend/unicode/go_strings.h"

namespace mybuild::frontend::parser {

using unicode::Quote;
using unicode::ToLower;
using unicode::TrimSpace;

}  // namespace mybuild::frontend::parser
