// What each context file hashed to, and the stat it had then (size, mtime,
// ctime, inode, mode), so an unchanged file is never read again: a no-op
// rebuild of a 20,000-file context costs one lstat per file. One file per
// context directory under the store (StorePaths::ContextCache).
//
// Like git's index, an entry whose file was modified too close to when it
// was hashed ("racily clean": a later write in the same clock tick would
// leave the stat unchanged) is not trusted, and is hashed again.
#pragma once

#include <sys/stat.h>

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "base/status.h"
#include "cache/store_paths.h"

namespace mybuild::cache {

class StatCache {
 public:
  // The cache of `context_abs` (an absolute path); empty when the store has
  // none or it cannot be read (a cache never fails a build).
  static StatCache Load(const StorePaths& paths, const std::string& context_abs);
  // An empty cache that is never saved (tests, --no-cache of the context).
  StatCache() = default;
  StatCache(StatCache&& o) noexcept;

  // The content digest of context file `rel`, when `st` is what it was and
  // the entry is not racy.
  std::optional<std::string> Get(const std::string& rel, const struct stat& st);
  // Remembers that `rel`, with `st`, hashed to `digest` (hex), read from
  // `hashed_ns` (CLOCK_REALTIME nanoseconds; -1: now) on: a file whose
  // mtime is within a second before that is racy and not trusted later.
  void Put(const std::string& rel, const struct stat& st, const std::string& digest,
           int64_t hashed_ns = -1);
  // Writes the cache back when an entry changed, keeping only the entries
  // looked up or put since Load (files that left the context go): to a
  // temporary file then renamed, so the file is never half-written. May
  // run while other threads use the cache (the lock is held only while
  // the text is made). Fails naming the file.
  Status Save();

  int hits() const { return hits_; }
  int misses() const { return misses_; }

 private:
  struct Entry {
    std::string path;
    int64_t size = 0, mtime_ns = 0, ctime_ns = 0, ino = 0, mode = 0;
    int64_t hashed_ns = 0;  // when the content was hashed
    std::string digest;
    bool used = false;
  };
  explicit StatCache(std::string file) : file_(std::move(file)) {}
  static bool Same(const Entry& e, const struct stat& st);
  // The entry of `rel`, or null. Entries are kept in the order the last
  // build looked them up, which a walk of an unchanged context repeats, so
  // the next expected entry is tried before the index is built.
  Entry* Find(const std::string& rel);

  std::string file_;  // "" when not to be saved
  std::mutex mu_;
  std::vector<Entry> entries_;
  size_t cursor_ = 0;
  std::unordered_map<std::string, size_t> index_;  // built on the first surprise
  std::vector<size_t> order_;                      // entries used, in order
  bool dirty_ = false;
  bool out_of_order_ = false;
  int hits_ = 0, misses_ = 0;
};

}  // namespace mybuild::cache
