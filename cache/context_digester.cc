#include "cache/context_digester.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <filesystem>
#include <memory>
#include <thread>
#include <ctime>

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

// Walks the sources in two passes: first the tree in sorted order (one
// lstat per entry, directories read, the stat cache asked), then the
// contents of the files the stat cache does not know, read by several
// threads at once (a fresh store's 20,000-file context is mostly open and
// read syscalls, which two cores do side by side); then the stream is
// hashed in walk order, so the digest is the same as one thread's.
class Walker {
 public:
  Walker(const std::string& context,
         const std::function<bool(const std::string&)>& excluded,
         const DigestOptions& options,
         std::vector<planner::StepInput>* entries)
      : context_(context), excluded_(excluded), options_(options),
        entries_(entries) {}

  // Text hashed as it is, between entries (a source's name).
  void Raw(std::string text) {
    Item i;
    i.raw = true;
    i.content = std::move(text);
    items_.push_back(std::move(i));
  }

  // Notes one entry (and, for a directory, everything under it). `dir_fd`
  // and `name` reach it relative to its directory (cheaper than the whole
  // path for 20,000 files); AT_FDCWD and "" use the full path. An error
  // stops the walk; Finish reports it, after any error of an entry before it.
  Status Entry(const std::string& rel, int dir_fd = AT_FDCWD, const char* name = "") {
    std::string path = context_ + "/" + rel;
    const char* at = dir_fd == AT_FDCWD ? path.c_str() : name;
    struct stat st;
    if (::fstatat(dir_fd, at, &st, AT_SYMLINK_NOFOLLOW) != 0) {
      return SysError("lstat", path, errno);
    }
    Item item;
    item.rel = rel;
    item.st = st;
    item.mode = options_.normalize_perms ? Normalized(st.st_mode) : st.st_mode;
    if (S_ISREG(st.st_mode)) {
      std::optional<std::string> known;
      if (options_.stat_cache) known = options_.stat_cache->Get(rel, st);
      if (known) {
        item.content = std::move(*known);
      } else {
        item.to_read = true;
        ++to_read_;
        bytes_to_read_ += st.st_size;
      }
    } else if (S_ISLNK(st.st_mode)) {
      std::string target(4096, '\0');
      ssize_t n = ::readlinkat(dir_fd, at, target.data(), target.size());
      if (n < 0) return SysError("readlink", path, errno);
      item.content = target.substr(0, static_cast<size_t>(n));
    }
    items_.push_back(std::move(item));
    if (!S_ISDIR(st.st_mode)) return Status::Ok();
    return Children(rel, path, ::openat(dir_fd, at,
                                        O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
  }

  // Reads the files the walk left to read, then hashes every entry in walk
  // order; "sha256:<hex>", or the first error in walk order (`walk`: how
  // the walk itself ended).
  Expected<std::string> Finish(Status walk) {
    ReadContents();
    Sha256 h;
    if (options_.normalize_perms) h.Update(std::string("modes: exec-bit\0", 16));
    for (Item& i : items_) {
      if (i.raw) {
        h.Update(i.content);
        continue;
      }
      if (!i.error.ok()) return i.error;
      if (i.to_read && options_.stat_cache) {
        options_.stat_cache->Put(i.rel, i.st, i.content, read_started_ns_);
      }
      h.Update(i.rel + '\0' + std::to_string(i.mode) + '\0' + i.content + '\n');
      if (entries_) {  // names and link targets are bytes; inputs are JSON
        entries_->push_back({"file " + planner::ShownText(i.rel),
                             Octal(i.mode) + " " + planner::ShownText(i.content)});
      }
    }
    RETURN_IF_ERROR(walk);
    return "sha256:" + h.HexDigest();
  }

 private:
  struct Item {
    bool raw = false;
    std::string rel;
    struct stat st {};
    mode_t mode = 0;
    std::string content;  // a file's digest (hex), a link's target, or raw text
    bool to_read = false;
    Status error;
  };

  // Opened with O_NOFOLLOW: a symlink swapped in since the lstat is not
  // followed out of the context.
  void Read(Item& i) {
    std::string path = context_ + "/" + i.rel;
    int fd = ::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0) {
      i.error = SysError("open", path, errno);
      return;
    }
    UniqueFd file(fd);
    Expected<std::string> digest = Sha256Fd(fd, path);
    if (digest.ok()) {
      i.content = std::move(*digest);
    } else {
      i.error = digest.status();
    }
  }

  void ReadContents() {
    struct timespec t;
    ::clock_gettime(CLOCK_REALTIME, &t);  // before any byte is read
    read_started_ns_ = static_cast<int64_t>(t.tv_sec) * 1000000000 + t.tv_nsec;
    if (to_read_ == 0) return;
    std::vector<Item*> todo;
    todo.reserve(to_read_);
    for (Item& i : items_) {
      if (i.to_read) todo.push_back(&i);
    }
    // Threads pay off only for many files or many bytes.
    unsigned threads = std::max(1u, std::min(4u, std::thread::hardware_concurrency()));
    if (todo.size() < 64 && bytes_to_read_ < (8 << 20)) threads = 1;
    threads = std::min<unsigned>(threads, todo.size());
    std::atomic<size_t> next{0};
    auto work = [&] {
      for (size_t k; (k = next.fetch_add(1)) < todo.size();) Read(*todo[k]);
    };
    std::vector<std::thread> pool;
    for (unsigned n = 1; n < threads; ++n) pool.emplace_back(work);
    work();
    for (std::thread& t : pool) t.join();
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
  std::vector<Item> items_;
  size_t to_read_ = 0;
  int64_t bytes_to_read_ = 0;
  int64_t read_started_ns_ = 0;
};


Status NotFoundInContext(const std::string& source) {
  return NotFound("COPY failed: file not found in build context or "
                  "excluded by .dockerignore: \"" + source + "\"");
}

// Notes every entry `sources` match, in order; stops at the first error.
Status WalkSources(const std::string& context,
                   const std::function<bool(const std::string&)>& excluded, Walker& walk,
                   const std::vector<std::string>& sources) {
  // A wildcard may match nothing, even alone (dockerfile2llb's COPY and ADD
  // set AllowEmptyWildcard: the step copies nothing); a plain path must
  // name something.
  for (const std::string& source : sources) {
    ASSIGN_OR_RETURN(std::vector<std::string> matches,
                     ExpandSource(context, source, excluded));
    std::vector<std::string> found;
    for (const std::string& m : matches) {
      // Read where the path leads inside the context, never through a
      // host symlink; a source that is a symlink is followed, as COPY does.
      ASSIGN_OR_RETURN(std::string real,
                       ResolveInContext(context, m == "." ? "" : m, true));
      struct stat st;
      if (::lstat((context + "/" + real).c_str(), &st) != 0 ||
          (excluded && !real.empty() && excluded(real))) {
        continue;
      }
      found.push_back(real.empty() ? "." : real);
    }
    if (found.empty() && !HasUnescapedWildcard(source)) {
      return NotFoundInContext(source);
    }
    walk.Raw(source + '\0');
    for (const std::string& real : found) RETURN_IF_ERROR(walk.Entry(real));
  }
  return Status::Ok();
}

}  // namespace

Expected<std::string> ContextDigester::Walk(const std::vector<std::string>& sources,
                                           std::vector<planner::StepInput>* entries) {
  Walker walk(context_, excluded_, options_, entries);
  return walk.Finish(WalkSources(context_, excluded_, walk, sources));
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
  walk.Raw(path + '\0');
  return walk.Finish(walk.Entry(real.empty() ? "." : real));
}

Expected<std::vector<planner::StepInput>> ContextDigester::Entries(
    const std::vector<std::string>& sources) {
  std::vector<planner::StepInput> entries;
  RETURN_IF_ERROR(Walk(sources, &entries).status());
  return entries;
}

}  // namespace mybuild::cache
