#include "cache/context_digester.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <deque>
#include <mutex>
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

// An open directory of the walk, kept while files in it wait to be read,
// so that they are opened relative to it (openat) rather than by their
// whole path (one dentry lookup per component, per file).
using DirRef = std::shared_ptr<DIR>;

Status Stopped() { return Status(ErrorCode::kCancelled, "context hash stopped"); }

// Hex SHA-256 of the rest of `fd`, a regular file that was `size` bytes
// when the walk saw it: a small file in one read(2) (the short read that
// reaches the size seen is its end), a larger one in 64 KiB reads.
Expected<std::string> HashFile(int fd, int64_t size, const std::string& path,
                               const std::atomic<bool>* stop) {
  Sha256 h;
  char buf[1 << 16];
  int64_t total = 0;
  for (;;) {
    if (stop && stop->load(std::memory_order_relaxed)) return Stopped();
    size_t ask = size < static_cast<int64_t>(sizeof buf) && total == 0
                     ? static_cast<size_t>(size) + 1
                     : sizeof buf;
    ssize_t n = ::read(fd, buf, ask);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return SysError("read", path, errno);
    if (n == 0) break;
    h.Update(buf, static_cast<size_t>(n));
    total += n;
    if (static_cast<size_t>(n) < ask && total == size) break;
  }
  return h.HexDigest();
}

// Walks the sources in sorted order (one lstat per entry, directories read,
// the stat cache asked) while a few threads read and hash the files the
// stat cache does not know, side by side with the walk (a fresh store's
// 20,000-file context is mostly open, read and lstat syscalls, which two
// cores do at once); then the stream is hashed in walk order, so the
// digest is the same as one thread's.
class Walker {
 public:
  Walker(const std::string& context,
         const std::function<bool(const std::string&)>& excluded,
         const DigestOptions& options,
         std::vector<planner::StepInput>* entries, const std::atomic<bool>* stop)
      : context_(context), excluded_(excluded), options_(options),
        entries_(entries), stop_(stop) {
    struct timespec t;
    ::clock_gettime(CLOCK_REALTIME, &t);  // before any byte is read
    read_started_ns_ = static_cast<int64_t>(t.tv_sec) * 1000000000 + t.tv_nsec;
  }
  ~Walker() { StopReaders(); }

  // Text hashed as it is, between entries (a source's name).
  void Raw(std::string text) {
    Item& i = items_.emplace_back();
    i.raw = true;
    i.content = std::move(text);
  }

  // Notes one entry (and, for a directory, everything under it). `dir`
  // and `name` reach it relative to its directory (cheaper than the whole
  // path for 20,000 files); null and "" use the full path. An error stops
  // the walk; Finish reports it, after any error of an entry before it.
  // `hold_dir`: a file left to read keeps `dir` open to be opened in it.
  // `regular`: readdir said it is a regular file, so once the stat cache
  // has shown it knows nothing of this walk's files, no lstat is made: the
  // reader opens it and takes the stat from the open file (one path lookup
  // a file, not two; a fresh store's 20,000-file context was a third path
  // lookups in the kernel).
  Status Entry(const std::string& rel, const DirRef& dir = nullptr, const char* name = "",
               bool hold_dir = true, bool regular = false) {
    if (stopped()) return Stopped();
    if (regular && dir && hold_dir && StatLater()) {
      Item& item = items_.emplace_back();
      item.rel = rel;
      item.to_read = true;
      item.stat_later = true;
      item.dir = dir;
      item.name = name;
      Queue(item);
      return Status::Ok();
    }
    const int dir_fd = dir ? ::dirfd(dir.get()) : AT_FDCWD;
    std::string path;
    if (!dir) path = context_ + "/" + rel;
    const char* at = dir ? name : path.c_str();
    auto full = [&] { return dir ? context_ + "/" + rel : path; };
    struct stat st;
    if (::fstatat(dir_fd, at, &st, AT_SYMLINK_NOFOLLOW) != 0) {
      return SysError("lstat", full(), errno);
    }
    Item& item = items_.emplace_back();
    item.rel = rel;
    item.st = st;
    item.mode = options_.normalize_perms ? Normalized(st.st_mode) : st.st_mode;
    if (S_ISREG(st.st_mode)) {
      std::optional<std::string> known;
      if (options_.stat_cache) known = options_.stat_cache->Get(rel, st);
      (known ? hits_ : misses_)++;
      if (known) {
        item.content = std::move(*known);
      } else {
        item.to_read = true;
        if (dir && hold_dir) {
          item.dir = dir;
          item.name = name;
        }
        Queue(item);
      }
    } else if (S_ISLNK(st.st_mode)) {
      std::string target(4096, '\0');
      ssize_t n = ::readlinkat(dir_fd, at, target.data(), target.size());
      if (n < 0) return SysError("readlink", full(), errno);
      item.content = target.substr(0, static_cast<size_t>(n));
    }
    if (!S_ISDIR(st.st_mode)) return Status::Ok();
    return Children(rel, full(), ::openat(dir_fd, at,
                                          O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
  }

  // Reads the files the readers have not read yet and hashes every entry
  // in walk order, each as soon as it and those before it are read (so the
  // stream's hashing and the stat cache's entries overlap the readers'
  // last files rather than follow them on one thread); "sha256:<hex>", or
  // the first error in walk order (`walk`: how the walk itself ended).
  Expected<std::string> Finish(Status walk) {
    {
      std::lock_guard<std::mutex> l(mu_);
      walked_ = true;
    }
    work_.notify_all();
    Sha256 h;
    if (options_.normalize_perms) h.Update(std::string("modes: exec-bit\0", 16));
    size_t next = 0;  // items_ before it are hashed
    Status failed;
    std::string line;
    auto hash_ready = [&] {
      for (; failed.ok() && next < items_.size(); ++next) {
        Item& i = items_[next];
        if (i.queued && !i.read.load(std::memory_order_acquire)) return;
        failed = Hash(i, h, line);
      }
    };
    while (Item* i = Next(false)) {  // this thread too, now that the walk is done
      Read(*i);
      hash_ready();
      if (!failed.ok()) break;
    }
    StopReaders();
    hash_ready();
    RETURN_IF_ERROR(failed);
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
    bool stat_later = false;  // st and mode come from the open file (Read)
    bool queued = false;      // left to the readers: hashed once `read`
    std::atomic<bool> read{false};
    DirRef dir;        // while waiting to be read: its directory, or null
    std::string name;  // its name there
    Status error;
  };

  // Threads pay off only for many files or many bytes: they start once
  // this many wait (a small COPY's few files are read by Finish's thread).
  static constexpr size_t kStartFiles = 32;
  static constexpr int64_t kStartBytes = 4 << 20;
  // Directories held open for files waiting in them, at most (beyond,
  // files are opened by their whole path).
  static constexpr int kMaxOpenDirs = 256;
  // Files the stat cache must miss, none hit, before the walk stops
  // lstat-ing regular files (a warm cache keeps one lstat a file).
  static constexpr int kMissesToStatLater = 32;

  bool StatLater() const {
    return !options_.stat_cache || (hits_ == 0 && misses_ >= kMissesToStatLater);
  }

  // Adds entry `i` (read, if it was to be) to the stream `h`; `line` is
  // scratch. Its error, if it has one.
  Status Hash(Item& i, Sha256& h, std::string& line) {
    if (i.raw) {
      h.Update(i.content);
      return Status::Ok();
    }
    if (!i.error.ok()) return i.error;
    if (i.to_read && options_.stat_cache) {
      options_.stat_cache->Put(i.rel, i.st, i.content, read_started_ns_);
    }
    line.assign(i.rel);
    line += '\0';
    line += std::to_string(i.mode);
    line += '\0';
    line += i.content;
    line += '\n';
    h.Update(line);
    if (entries_) {  // names and link targets are bytes; inputs are JSON
      entries_->push_back({"file " + planner::ShownText(i.rel),
                           Octal(i.mode) + " " + planner::ShownText(i.content)});
    }
    return Status::Ok();
  }

  // The next queued file to read, or null when none is left (`wait`: a
  // reader thread waits for more until the walk has ended).
  Item* Next(bool wait) {
    std::unique_lock<std::mutex> l(mu_);
    if (wait) work_.wait(l, [&] { return !queue_.empty() || walked_; });
    if (queue_.empty()) return nullptr;
    Item* i = queue_.front();
    queue_.pop_front();
    return i;
  }

  void Queue(Item& i) {
    i.queued = true;
    bool start = false;
    {
      std::lock_guard<std::mutex> l(mu_);
      queue_.push_back(&i);
      queued_bytes_ += i.st.st_size;
      start = !started_ && (queue_.size() >= kStartFiles || queued_bytes_ >= kStartBytes);
      if (start) started_ = true;
    }
    if (start) {
      unsigned n = std::max(1u, std::min(4u, std::thread::hardware_concurrency()));
      for (unsigned k = 0; k < n; ++k) readers_.emplace_back([this] { ReadQueued(); });
    } else if (started_) {
      work_.notify_one();
    }
  }

  // A reader thread's: reads queued files until the queue is empty and
  // the walk has ended.
  void ReadQueued() {
    while (Item* i = Next(true)) Read(*i);
  }

  void StopReaders() {
    {
      std::lock_guard<std::mutex> l(mu_);
      walked_ = true;
    }
    work_.notify_all();
    for (std::thread& t : readers_) t.join();
    readers_.clear();
  }

  // Reads `i`, then marks it read for Finish's thread.
  void Read(Item& i) {
    ReadFile(i);
    i.read.store(true, std::memory_order_release);
  }

  // Opened with O_NOFOLLOW: a symlink swapped in since the lstat is not
  // followed out of the context.
  void ReadFile(Item& i) {
    // O_NONBLOCK: a FIFO swapped in for a file readdir saw does not hang
    // the open (it then fails as no regular file).
    const int flags = O_RDONLY | O_NOFOLLOW | O_CLOEXEC | (i.stat_later ? O_NONBLOCK : 0);
    int fd = i.dir ? ::openat(::dirfd(i.dir.get()), i.name.c_str(), flags)
                   : ::open((context_ + "/" + i.rel).c_str(), flags);
    const int open_errno = errno;
    i.dir.reset();  // the last file of a directory closes it
    i.name.clear();
    if (fd < 0) {
      i.error = SysError("open", context_ + "/" + i.rel, open_errno);
      return;
    }
    UniqueFd file(fd);
    if (i.stat_later) {
      if (::fstat(fd, &i.st) != 0) {
        i.error = SysError("stat", context_ + "/" + i.rel, errno);
        return;
      }
      if (!S_ISREG(i.st.st_mode)) {
        i.error = IoError("\"" + context_ + "/" + i.rel +
                          "\": no longer a regular file (the context changed while it was hashed)");
        return;
      }
      i.mode = options_.normalize_perms ? Normalized(i.st.st_mode) : i.st.st_mode;
      if (options_.stat_cache) {
        if (std::optional<std::string> known = options_.stat_cache->Get(i.rel, i.st)) {
          i.content = std::move(*known);
          i.to_read = false;
          return;
        }
      }
    }
    Expected<std::string> digest = HashFile(fd, i.st.st_size, context_ + "/" + i.rel, stop_);
    if (digest.ok()) {
      i.content = std::move(*digest);
    } else {
      i.error = digest.status();
    }
  }

  Status Children(const std::string& rel, const std::string& path, int fd) {
    if (fd < 0) return SysError("opendir", path, errno);
    DIR* raw = ::fdopendir(fd);
    if (raw == nullptr) {
      ::close(fd);
      return SysError("opendir", path, errno);
    }
    std::vector<std::pair<std::string, bool>> names;  // and whether DT_REG
    while (struct dirent* e = ::readdir(raw)) {
      std::string n = e->d_name;
      if (n != "." && n != "..") names.emplace_back(std::move(n), e->d_type == DT_REG);
    }
    std::sort(names.begin(), names.end());
    // Kept open for the readers only while few are: a wide tree's files
    // waiting in thousands of directories are opened by path instead.
    DirRef d(raw, [this](DIR* p) {
      ::closedir(p);
      open_dirs_.fetch_sub(1);
    });
    const bool share = open_dirs_.fetch_add(1) < kMaxOpenDirs;
    for (const auto& [n, regular] : names) {
      std::string child = rel == "." ? n : rel + "/" + n;
      if (excluded_ && excluded_(child)) continue;
      RETURN_IF_ERROR(Entry(child, d, n.c_str(), share, regular));
    }
    return Status::Ok();
  }

  bool stopped() const { return stop_ && stop_->load(std::memory_order_relaxed); }

  const std::string& context_;
  const std::function<bool(const std::string&)>& excluded_;
  const DigestOptions& options_;
  std::vector<planner::StepInput>* entries_;  // null: not wanted
  const std::atomic<bool>* stop_;             // null: never stopped
  std::atomic<int> open_dirs_{0};  // before items_: their dirs' deleters use it
  std::deque<Item> items_;  // a deque: the readers hold pointers into it
  int64_t read_started_ns_ = 0;
  std::mutex mu_;
  std::condition_variable work_;
  std::deque<Item*> queue_;  // files to read, in walk order
  int64_t queued_bytes_ = 0;
  int hits_ = 0, misses_ = 0;  // the walk's stat cache lookups (StatLater)
  bool walked_ = false;
  bool started_ = false;  // the walker's: readers_ run
  std::vector<std::thread> readers_;
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
                                           std::vector<planner::StepInput>* entries,
                                           const std::atomic<bool>* stop) {
  Walker walk(context_, excluded_, options_, entries, stop);
  return walk.Finish(WalkSources(context_, excluded_, walk, sources));
}

Expected<std::string> ContextDigester::Digest(const std::vector<std::string>& sources) {
  return Walk(sources, nullptr);
}

Expected<std::string> ContextDigester::Digest(const std::vector<std::string>& sources,
                                              const std::atomic<bool>& stop) {
  return Walk(sources, nullptr, &stop);
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
  Walker walk(context_, excluded_, options_, nullptr, nullptr);
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
