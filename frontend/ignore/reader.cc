#include "frontend/ignore/reader.h"

#include <sys/stat.h>

#include <cerrno>

#include "base/fd.h"
#include "frontend/ignore/clean_path.h"
#include "frontend/unicode/go_strings.h"

namespace mybuild::frontend::ignore {
namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

// One line's pattern, or "" when the line holds none.
std::string PatternOf(std::string_view line) {
  if (line.starts_with('#')) return "";
  std::string_view text = unicode::TrimSpace(line);
  if (text.empty()) return "";
  const bool exception = text[0] == '!';
  if (exception) text = unicode::TrimSpace(text.substr(1));
  std::string pattern;
  if (!text.empty()) {
    pattern = CleanPath(text);
    if (pattern.size() > 1 && pattern[0] == '/') pattern.erase(0, 1);
  }
  return exception ? "!" + pattern : pattern;
}

// Whether `path` exists (following symlinks).
Expected<bool> Exists(const std::string& path) {
  struct stat st;
  if (::stat(path.c_str(), &st) == 0) return true;
  if (errno == ENOENT || errno == ENOTDIR) return false;
  return SysError("stat", path, errno);
}

}  // namespace

std::vector<IgnoreLine> ParseIgnoreFile(std::string_view content) {
  std::vector<IgnoreLine> lines;
  if (content.starts_with(kBom)) content.remove_prefix(kBom.size());
  int number = 0;
  while (!content.empty()) {
    const size_t nl = content.find('\n');
    std::string_view line = content.substr(0, nl);
    content.remove_prefix(nl == std::string_view::npos ? content.size()
                                                       : nl + 1);
    ++number;
    if (line.ends_with('\r')) line.remove_suffix(1);
    std::string pattern = PatternOf(line);
    if (!pattern.empty()) lines.push_back({std::move(pattern), number});
  }
  return lines;
}

Expected<std::optional<std::string>> FindIgnoreFile(
    const std::string& context_dir, const std::string& dockerfile_path) {
  if (!dockerfile_path.empty()) {
    const std::string beside = dockerfile_path + ".dockerignore";
    ASSIGN_OR_RETURN(bool found, Exists(beside));
    if (found) return std::optional<std::string>(beside);
  }
  const std::string in_context = context_dir + "/.dockerignore";
  ASSIGN_OR_RETURN(bool found, Exists(in_context));
  if (found) return std::optional<std::string>(in_context);
  return std::optional<std::string>();
}

Expected<IgnoreRules> LoadIgnoreRules(const std::string& context_dir,
                                      const std::string& dockerfile_path) {
  ASSIGN_OR_RETURN(std::optional<std::string> file,
                   FindIgnoreFile(context_dir, dockerfile_path));
  IgnoreRules rules;
  if (!file) return rules;
  rules.source = *file;
  ASSIGN_OR_RETURN(std::string content, ReadFile(*file));
  std::vector<Pattern> patterns;
  for (const IgnoreLine& line : ParseIgnoreFile(content)) {
    Expected<Pattern> p = Pattern::Compile(line.pattern);
    if (!p.ok()) {
      return p.status().WithPrefix(*file + ":" + std::to_string(line.line));
    }
    patterns.push_back(std::move(*p));
  }
  rules.matcher = Matcher(std::move(patterns));
  return rules;
}

}  // namespace mybuild::frontend::ignore
