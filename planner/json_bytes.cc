#include "planner/json_bytes.h"

#include "frontend/unicode/go_strings.h"
#include "frontend/unicode/utf8.h"

namespace mybuild::planner {

bool IsUtf8(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    const frontend::unicode::Rune r = frontend::unicode::DecodeRune(s, i);
    if (r.value == frontend::unicode::kRuneError && r.width == 1) return false;
    i += static_cast<size_t>(r.width);
  }
  return true;
}

nlohmann::json BytesJson(std::string_view s) {
  if (IsUtf8(s)) return std::string(s);
  static const char kHex[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(s.size() * 2);
  for (unsigned char c : s) {
    hex += kHex[c >> 4];
    hex += kHex[c & 15];
  }
  return {{"bytes", hex}};
}

nlohmann::json BytesJson(const std::vector<std::string>& list) {
  nlohmann::json out = nlohmann::json::array();
  for (const std::string& s : list) out.push_back(BytesJson(s));
  return out;
}

std::string ShownText(std::string_view s) {
  return IsUtf8(s) ? std::string(s) : frontend::unicode::Quote(s);
}

}  // namespace mybuild::planner
