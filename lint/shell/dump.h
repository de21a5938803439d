// A compact text form of a parsed script, for tests and debugging.
#pragma once

#include <string>

#include "lint/shell/ast.h"

namespace mybuild::lint::shell {

// Renders `list` on one line. Simple commands are `(assignments words
// redirects)`; word parts keep their quoting ('..', "..", \x), command
// substitutions render as `$[body]`; compound commands as `sub{..}`,
// `brace{..}`, `if{..}then{..}elif{..}then{..}else{..}`, `while{..}do{..}`,
// `until{..}do{..}`, `for NAME in WORDS{..}`, `case W in P|P{..} P{..}`,
// `function NAME{..}`, `arith(..)`, `test[..]`. Items are joined by "; ",
// and-or chains by " && " / " || ", pipelines by " | "; a background item
// ends in " &", a negated pipeline starts with "! ". A here-doc renders as
// `<<DELIM{body}`.
std::string Dump(const List& list);
std::string Dump(const Word& word);

}  // namespace mybuild::lint::shell
