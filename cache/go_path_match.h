// Go's path/filepath.Match (Unix flavour), the matcher Docker and BuildKit
// apply to COPY/ADD source wildcards, reimplemented from its documented
// grammar:
//   term:   '*'  any run of non-'/' bytes     '?'  one non-'/' UTF-8 character
//           '[' ['^'] range... ']'  a non-empty class ('^' negates; '!' is a
//                                   plain member, unlike fnmatch)
//           '\' c  the character c     c  itself (c not one of * ? \ [)
//   range:  c (not \ - ]) | '\' c | lo '-' hi   (lo <= char <= hi)
// Classes compare whole code points; an undecodable name byte is U+FFFD.
#pragma once

#include <string_view>

#include "base/status.h"

namespace mybuild::cache {

// Reports whether `name` matches all of `pattern`. A malformed pattern (an
// unclosed or empty class, '-' or ']' where a class member must be, a
// trailing '\', an undecodable byte inside a class) is an error whatever
// the name, with Go's ErrBadPattern text:
//   kInvalidArgument "syntax error in pattern"
Expected<bool> GoPathMatch(std::string_view pattern, std::string_view name);

// The same check on its own: Ok, or the error GoPathMatch gives.
Status CheckGoPattern(std::string_view pattern);

// Whether `s` holds a '*', '?' or '[' that no '\' escapes (BuildKit takes a
// source path without one literally, backslashes included).
bool HasUnescapedWildcard(std::string_view s);

}  // namespace mybuild::cache
