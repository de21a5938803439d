#include "cache/context_digester.h"

#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <memory>

#include "base/sha256.h"
#include "cache/source_glob.h"

namespace mybuild::cache {
namespace {

// Feeds one entry (and, for a directory, everything under it) to `h`.
Status HashEntry(const std::string& context, const std::string& rel,
                 const std::function<bool(const std::string&)>& excluded,
                 Sha256& h) {
  std::string path = context + "/" + rel;
  struct stat st;
  if (::lstat(path.c_str(), &st) != 0) return SysError("lstat", path, errno);
  std::string record = rel + '\0' + std::to_string(st.st_mode) + '\0';
  if (S_ISREG(st.st_mode)) {
    ASSIGN_OR_RETURN(std::string content, Sha256File(path));
    record += content;
  } else if (S_ISLNK(st.st_mode)) {
    std::string target(4096, '\0');
    ssize_t n = ::readlink(path.c_str(), target.data(), target.size());
    if (n < 0) return SysError("readlink", path, errno);
    record += target.substr(0, static_cast<size_t>(n));
  }
  h.Update(record + '\n');
  if (!S_ISDIR(st.st_mode)) return Status::Ok();
  std::unique_ptr<DIR, int (*)(DIR*)> d(::opendir(path.c_str()), ::closedir);
  if (!d) return SysError("opendir", path, errno);
  std::vector<std::string> names;
  while (struct dirent* e = ::readdir(d.get())) {
    std::string n = e->d_name;
    if (n != "." && n != "..") names.push_back(n);
  }
  std::sort(names.begin(), names.end());
  for (const std::string& n : names) {
    std::string child = rel == "." ? n : rel + "/" + n;
    if (excluded && excluded(child)) continue;
    RETURN_IF_ERROR(HashEntry(context, child, excluded, h));
  }
  return Status::Ok();
}

}  // namespace

Expected<std::string> ContextDigester::Digest(
    const std::vector<std::string>& sources) {
  Sha256 h;
  for (const std::string& source : sources) {
    ASSIGN_OR_RETURN(std::vector<std::string> matches,
                     ExpandSource(context_, source, excluded_));
    if (matches.empty()) {
      return NotFound("COPY failed: file not found in build context or "
                      "excluded by .dockerignore: \"" + source + "\"");
    }
    h.Update(source + '\0');
    for (const std::string& m : matches) {
      RETURN_IF_ERROR(HashEntry(context_, m, excluded_, h));
    }
  }
  return "sha256:" + h.HexDigest();
}

}  // namespace mybuild::cache
