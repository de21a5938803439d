#include "cache/context_digester.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <filesystem>
#include <memory>

#include "base/fd.h"
#include "base/sha256.h"
#include "cache/context_path.h"
#include "cache/go_path_match.h"
#include "cache/source_glob.h"
#include "planner/json_bytes.h"

namespace mybuild::cache {
namespace {

std::string Octal(mode_t mode) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%o", static_cast<unsigned>(mode));
  return buf;
}

mode_t Normalized(mode_t mode) {
  if (S_ISDIR(mode)) return S_IFDIR | 0755;
  if (S_ISREG(mode)) return S_IFREG | ((mode & 0111) ? 0755 : 0644);
  if (S_ISLNK(mode)) return S_IFLNK | 0777;
  return mode;
}

class Walker {
 public:
  Walker(const std::string& context,
         const std::function<bool(const std::string&)>& excluded,
         const DigestOptions& options,
         std::vector<planner::StepInput>* entries)
      : context_(context), excluded_(excluded), options_(options),
        entries_(entries) {}

  Sha256& hash() { return h_; }

  // Feeds one entry (and, for a directory, everything under it). `dir_fd`
  // and `name` reach it relative to its directory (cheaper than the whole
  // path for 20,000 files); AT_FDCWD and "" use the full path.
  Status Entry(const std::string& rel, int dir_fd = AT_FDCWD, const char* name = "") {
    std::string path = context_ + "/" + rel;
    const char* at = dir_fd == AT_FDCWD ? path.c_str() : name;
    struct stat st;
    if (::fstatat(dir_fd, at, &st, AT_SYMLINK_NOFOLLOW) != 0) {
      return SysError("lstat", path, errno);
    }
    mode_t mode = options_.normalize_perms ? Normalized(st.st_mode) : st.st_mode;
    std::string content;
    if (S_ISREG(st.st_mode)) {
      ASSIGN_OR_RETURN(content, FileDigest(rel, path, st, dir_fd, at));
    } else if (S_ISLNK(st.st_mode)) {
      std::string target(4096, '\0');
      ssize_t n = ::readlinkat(dir_fd, at, target.data(), target.size());
      if (n < 0) return SysError("readlink", path, errno);
      content = target.substr(0, static_cast<size_t>(n));
    }
    h_.Update(rel + '\0' + std::to_string(mode) + '\0' + content + '\n');
    if (entries_) {  // names and link targets are bytes; inputs are JSON
      entries_->push_back({"file " + planner::ShownText(rel),
                           Octal(mode) + " " + planner::ShownText(content)});
    }
    if (!S_ISDIR(st.st_mode)) return Status::Ok();
    return Children(rel, path, ::openat(dir_fd, at,
                                        O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
  }

 private:
  // Opened with O_NOFOLLOW: a symlink swapped in since the lstat is not
  // followed out of the context.
  Expected<std::string> FileDigest(const std::string& rel, const std::string& path,
                                   const struct stat& st, int dir_fd, const char* at) {
    StatCache* cache = options_.stat_cache;
    if (cache) {
      if (std::optional<std::string> known = cache->Get(rel, st)) return *known;
    }
    int fd = ::openat(dir_fd, at, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0) return SysError("open", path, errno);
    UniqueFd file(fd);
    ASSIGN_OR_RETURN(std::string digest, Sha256Fd(fd, path));
    if (cache) cache->Put(rel, st, digest);
    return digest;
  }

  Status Children(const std::string& rel, const std::string& path, int fd) {
    if (fd < 0) return SysError("opendir", path, errno);
    std::unique_ptr<DIR, int (*)(DIR*)> d(::fdopendir(fd), ::closedir);
    if (!d) {
      ::close(fd);
      return SysError("opendir", path, errno);
    }
    std::vector<std::string> names;
    while (struct dirent* e = ::readdir(d.get())) {
      std::string n = e->d_name;
      if (n != "." && n != "..") names.push_back(n);
    }
    std::sort(names.begin(), names.end());
    for (const std::string& n : names) {
      std::string child = rel == "." ? n : rel + "/" + n;
      if (excluded_ && excluded_(child)) continue;
      RETURN_IF_ERROR(Entry(child, ::dirfd(d.get()), n.c_str()));
    }
    return Status::Ok();
  }

  const std::string& context_;
  const std::function<bool(const std::string&)>& excluded_;
  const DigestOptions& options_;
  std::vector<planner::StepInput>* entries_;  // null: not wanted
  Sha256 h_;
};


Status NotFoundInContext(const std::string& source) {
  return NotFound("COPY failed: file not found in build context or "
                  "excluded by .dockerignore: \"" + source + "\"");
}

}  // namespace

Expected<std::string> ContextDigester::Walk(const std::vector<std::string>& sources,
                                           std::vector<planner::StepInput>* entries) {
  Walker walk(context_, excluded_, options_, entries);
  if (options_.normalize_perms) walk.hash().Update(std::string("modes: exec-bit\0", 16));
  // A wildcard may match nothing, even alone (dockerfile2llb's COPY and ADD
  // set AllowEmptyWildcard: the step copies nothing); a plain path must
  // name something.
  for (const std::string& source : sources) {
    ASSIGN_OR_RETURN(std::vector<std::string> matches,
                     ExpandSource(context_, source, excluded_));
    std::vector<std::string> found;
    for (const std::string& m : matches) {
      // Read where the path leads inside the context, never through a
      // host symlink; a source that is a symlink is followed, as COPY does.
      ASSIGN_OR_RETURN(std::string real,
                       ResolveInContext(context_, m == "." ? "" : m, true));
      struct stat st;
      if (::lstat((context_ + "/" + real).c_str(), &st) != 0 ||
          (excluded_ && !real.empty() && excluded_(real))) {
        continue;
      }
      found.push_back(real.empty() ? "." : real);
    }
    if (found.empty() && !HasUnescapedWildcard(source)) {
      return NotFoundInContext(source);
    }
    walk.hash().Update(source + '\0');
    for (const std::string& real : found) RETURN_IF_ERROR(walk.Entry(real));
  }
  return "sha256:" + walk.hash().HexDigest();
}

Expected<std::string> ContextDigester::Digest(const std::vector<std::string>& sources) {
  return Walk(sources, nullptr);
}

Expected<std::string> ContextDigester::DigestPath(const std::string& path) {
  std::string clean =
      std::filesystem::path("/" + path).lexically_normal().relative_path().string();
  while (!clean.empty() && clean.back() == '/') clean.pop_back();
  ASSIGN_OR_RETURN(std::string real, ResolveInContext(context_, clean, true));
  struct stat st;
  if (::lstat((context_ + "/" + real).c_str(), &st) != 0 ||
      (excluded_ && !real.empty() && (excluded_(real) || excluded_(clean)))) {
    return NotFound("RUN --mount: source \"" + path +
                    "\" not found in build context or excluded by .dockerignore");
  }
  Walker walk(context_, excluded_, options_, nullptr);
  if (options_.normalize_perms) walk.hash().Update(std::string("modes: exec-bit\0", 16));
  walk.hash().Update(path + '\0');
  RETURN_IF_ERROR(walk.Entry(real.empty() ? "." : real));
  return "sha256:" + walk.hash().HexDigest();
}

Expected<std::vector<planner::StepInput>> ContextDigester::Entries(
    const std::vector<std::string>& sources) {
  std::vector<planner::StepInput> entries;
  RETURN_IF_ERROR(Walk(sources, &entries).status());
  return entries;
}

}  // namespace mybuild::cache
