// Escaping text for XML attribute values and content.
#pragma once

#include <string>
#include <string_view>

namespace mybuild::lint::format {

// Escapes `s` (UTF-8) for use inside a quoted attribute or as content:
// letters, digits, space, '.', '/', '-', '_', ':' and ',' stay; every other
// character becomes a numeric reference `&#N;` of its code point. Bytes that
// are not valid UTF-8 become U+FFFD; characters XML cannot hold (controls
// other than tab, newline, carriage return) are dropped.
std::string XmlEscape(std::string_view s);

}  // namespace mybuild::lint::format
