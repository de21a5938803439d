#include "export/annotation_spec.h"

namespace mybuild::exporter {
namespace {

bool IsTypeChar(char c) { return (c >= 'a' && c <= 'z') || c == '-'; }

bool IsPlatformChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         c == '_' || c == '/' || c == '-';
}

// "manifest" or "manifest[linux/amd64]" into its type and platform, as
// buildx's ^([a-z-]+)(?:\[([A-Za-z0-9_/-]+)\])?$ reads it.
bool SplitType(const std::string& s, std::string& type, std::string& platform) {
  size_t open = s.find('[');
  type = s.substr(0, open);
  if (type.empty()) return false;
  for (char c : type) {
    if (!IsTypeChar(c)) return false;
  }
  platform.clear();
  if (open == std::string::npos) return true;
  if (s.back() != ']' || s.size() - open < 3) return false;
  platform = s.substr(open + 1, s.size() - open - 2);
  for (char c : platform) {
    if (!IsPlatformChar(c)) return false;
  }
  return true;
}

}  // namespace

Expected<std::vector<Annotation>> ParseAnnotation(const std::string& value,
                                                  bool several_platforms) {
  auto fail = [&](const std::string& why) {
    return InvalidArgument("invalid --annotation \"" + value + "\": " + why);
  };
  size_t eq = value.find('=');
  if (eq == std::string::npos) return fail("expected key=value");
  std::string k = value.substr(0, eq), v = value.substr(eq + 1);
  size_t colon = k.find(':');
  if (colon == std::string::npos) {
    if (k.empty()) return fail("empty key");
    return std::vector<Annotation>{{"manifest", "", k, v}};
  }
  std::string key = k.substr(colon + 1);
  if (key.empty()) return fail("empty key");
  std::vector<Annotation> out;
  std::string types = k.substr(0, colon);
  size_t start = 0;
  while (start <= types.size()) {
    size_t comma = std::min(types.find(',', start), types.size());
    std::string one = types.substr(start, comma - start);
    start = comma + 1;
    Annotation a{"", "", key, v};
    if (!SplitType(one, a.type, a.platform)) {
      return fail("invalid annotation type \"" + one +
                  "\", expected type and optional platform in square brackets");
    }
    bool index = a.type == "index" || a.type == "index-descriptor";
    if (index && !several_platforms) {
      return fail("index annotations not supported for single platform export "
                  "(a build of one platform has no index; use manifest: or "
                  "manifest-descriptor:)");
    }
    if (!index && a.type != "manifest" && a.type != "manifest-descriptor") {
      return fail("unknown annotation type \"" + a.type + "\"");
    }
    if (!a.platform.empty() && a.platform.find('/') == std::string::npos) {
      return fail("invalid platform \"" + a.platform + "\", expected os/arch[/variant]");
    }
    out.push_back(std::move(a));
  }
  return out;
}

std::map<std::string, std::string> AnnotationsFor(const std::vector<Annotation>& all,
                                                  const std::string& type,
                                                  const std::string& platform) {
  std::map<std::string, std::string> out;
  for (const Annotation& a : all) {
    if (a.type == type && (a.platform.empty() || a.platform == platform)) out[a.key] = a.value;
  }
  return out;
}

}  // namespace mybuild::exporter
