#include "cli/row_template.h"

namespace mybuild::cli {
namespace {

std::string Trim(const std::string& s) {
  size_t b = s.find_first_not_of(' '), e = s.find_last_not_of(' ');
  return b == std::string::npos ? "" : s.substr(b, e - b + 1);
}

// Literal text with the \t and \n escapes docker users type.
std::string Unescape(const std::string& text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\\' && i + 1 < text.size() && (text[i + 1] == 't' || text[i + 1] == 'n')) {
      out += text[++i] == 't' ? '\t' : '\n';
    } else {
      out += text[i];
    }
  }
  return out;
}

}  // namespace

bool IsTemplate(const std::string& format) { return format.find("{{") != std::string::npos; }

Expected<std::string> ExpandTemplate(const std::string& format,
                                     const std::map<std::string, std::string>& fields) {
  std::string out;
  size_t at = 0;
  while (true) {
    size_t open = format.find("{{", at);
    out += Unescape(format.substr(at, open == std::string::npos ? open : open - at));
    if (open == std::string::npos) return out;
    size_t close = format.find("}}", open);
    if (close == std::string::npos) return InvalidArgument("template: unterminated \"{{\"");
    std::string ref = Trim(format.substr(open + 2, close - open - 2));
    auto it = ref.size() > 1 && ref[0] == '.' ? fields.find(ref.substr(1)) : fields.end();
    if (it == fields.end()) {
      std::string names;
      for (const auto& [k, v] : fields) names += " ." + k;
      return InvalidArgument("template: unknown field " + ref + " (fields:" + names + ")");
    }
    out += it->second;
    at = close + 2;
  }
}

}  // namespace mybuild::cli
