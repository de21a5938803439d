// The functions of Go's strings and strconv packages that BuildKit applies
// to Dockerfile text, with Go's results on any bytes, invalid UTF-8
// included. Runes are decoded as utf8.h does and classed as classes.h does.
#pragma once

#include <string>
#include <string_view>

namespace mybuild::frontend::unicode {

// strings.ToLower: each rune through unicode.ToLower. An ASCII-only `s` is
// lower-cased byte for byte; otherwise each invalid byte becomes U+FFFD.
std::string ToLower(std::string_view s);

// strings.TrimLeftFunc(s, unicode.IsSpace): drops leading IsSpace runes.
std::string_view TrimLeftSpace(std::string_view s);

// strings.TrimRightFunc(s, unicode.IsSpace): drops trailing IsSpace runes,
// decoding from the end as utf8.DecodeLastRune does (a trailing invalid
// byte is not a space and stops the trim).
std::string_view TrimRightSpace(std::string_view s);

// strings.TrimSpace: both of the above. The result is a view into `s`.
std::string_view TrimSpace(std::string_view s);

// strconv.Quote (and fmt's %q of a string): `s` in double quotes, `"` and
// `\` escaped, \a \b \f \n \r \t \v as such, other runes that are not
// IsPrint as \xHH (below U+0020 and U+007F), \uHHHH or \UHHHHHHHH, and each
// invalid byte as \xHH. Printable runes, a real U+FFFD included, are copied.
std::string Quote(std::string_view s);

}  // namespace mybuild::frontend::unicode
