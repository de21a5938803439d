#include "cache/stat_cache.h"

#include <charconv>
#include <cstdlib>
#include <cstring>
#include <ctime>

#include "base/fd.h"
#include "base/sha256.h"

namespace mybuild::cache {
namespace {

constexpr char kHeader[] = "mybuild-stat-cache 1\n";
// A file whose content changed less than this before it was hashed may
// change again without its mtime showing it (timestamps come from a coarse
// clock). Only mtime matters: a mode change is seen in the mode itself.
constexpr int64_t kRacyNs = 1000000000;

int64_t Ns(const struct timespec& t) {
  return static_cast<int64_t>(t.tv_sec) * 1000000000 + t.tv_nsec;
}

int64_t Now() {
  struct timespec t;
  ::clock_gettime(CLOCK_REALTIME, &t);
  return Ns(t);
}

}  // namespace

StatCache::StatCache(StatCache&& o) noexcept
    : file_(std::move(o.file_)), entries_(std::move(o.entries_)), cursor_(o.cursor_),
      index_(std::move(o.index_)), order_(std::move(o.order_)), dirty_(o.dirty_),
      out_of_order_(o.out_of_order_),
      hits_(o.hits_), misses_(o.misses_) {}

StatCache StatCache::Load(const StorePaths& paths, const std::string& context_abs) {
  StatCache c;
  c.file_ = paths.ContextCache(Sha256Hex(context_abs));
  Expected<std::string> text = ReadFile(c.file_);
  if (!text.ok() || text->rfind(kHeader, 0) != 0) return c;
  const char* p = text->c_str() + sizeof kHeader - 1;
  const char* end = text->c_str() + text->size();
  c.entries_.reserve(text->size() / 100);  // a line is ~150 bytes
  while (p < end) {
    Entry e;
    int64_t* fields[] = {&e.size, &e.mtime_ns, &e.ctime_ns, &e.ino, &e.mode, &e.hashed_ns};
    for (int64_t* f : fields) {
      auto [q, ec] = std::from_chars(p, end, *f);
      if (ec != std::errc() || q == end || *q != ' ') return StatCache(std::move(c.file_));
      p = q + 1;
    }
    if (end - p < 66 || p[64] != ' ') return StatCache(std::move(c.file_));
    e.digest.assign(p, 64);
    p += 65;
    const char* nul = static_cast<const char*>(std::memchr(p, '\0', end - p));
    if (nul == nullptr || nul + 1 >= end || nul[1] != '\n') return StatCache(std::move(c.file_));
    e.path.assign(p, nul);
    c.entries_.push_back(std::move(e));
    p = nul + 2;
  }
  return c;
}

bool StatCache::Same(const Entry& e, const struct stat& st) {
  return e.size == st.st_size && e.mtime_ns == Ns(st.st_mtim) &&
         e.ctime_ns == Ns(st.st_ctim) && e.ino == static_cast<int64_t>(st.st_ino) &&
         e.mode == static_cast<int64_t>(st.st_mode);
}

StatCache::Entry* StatCache::Find(const std::string& rel) {
  if (cursor_ < entries_.size() && entries_[cursor_].path == rel) {
    return &entries_[cursor_++];
  }
  if (index_.empty()) {
    index_.reserve(entries_.size());
    for (size_t i = 0; i < entries_.size(); ++i) index_.emplace(entries_[i].path, i);
  }
  out_of_order_ = true;  // saved again, in this walk's order
  auto it = index_.find(rel);
  if (it == index_.end()) return nullptr;
  cursor_ = it->second + 1;
  return &entries_[it->second];
}

std::optional<std::string> StatCache::Get(const std::string& rel, const struct stat& st) {
  std::lock_guard<std::mutex> lock(mu_);
  Entry* e = Find(rel);
  if (e == nullptr || !Same(*e, st) || e->mtime_ns + kRacyNs > e->hashed_ns) {
    ++misses_;
    return std::nullopt;
  }
  ++hits_;
  if (!e->used) order_.push_back(static_cast<size_t>(e - entries_.data()));
  e->used = true;
  return e->digest;
}

void StatCache::Put(const std::string& rel, const struct stat& st, const std::string& digest,
                    int64_t hashed_ns) {
  std::lock_guard<std::mutex> lock(mu_);
  Entry* e = Find(rel);
  if (e == nullptr) {
    entries_.push_back(Entry{});
    e = &entries_.back();
    if (!index_.empty()) index_.emplace(rel, entries_.size() - 1);
  }
  if (!e->used) order_.push_back(static_cast<size_t>(e - entries_.data()));
  *e = {rel, st.st_size, Ns(st.st_mtim), Ns(st.st_ctim), static_cast<int64_t>(st.st_ino),
        static_cast<int64_t>(st.st_mode), hashed_ns < 0 ? Now() : hashed_ns, digest, true};
  dirty_ = true;
}

Status StatCache::Save() {
  std::string out = kHeader;
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (file_.empty()) return Status::Ok();
    // Unchanged, with every entry still in the context: nothing to write.
    if (!dirty_ && !out_of_order_ && order_.size() == entries_.size()) return Status::Ok();
    out.reserve(out.size() + order_.size() * 160);
    for (size_t i : order_) {  // in the order of this build's walk
      const Entry& e = entries_[i];
      out += std::to_string(e.size) + ' ' + std::to_string(e.mtime_ns) + ' ' +
             std::to_string(e.ctime_ns) + ' ' + std::to_string(e.ino) + ' ' +
             std::to_string(e.mode) + ' ' + std::to_string(e.hashed_ns) + ' ' +
             e.digest + ' ' + e.path + '\0' + '\n';
    }
  }
  // Written without the lock (the build may walk the context meanwhile:
  // Save runs beside it), to a temporary file renamed over the old one,
  // so the file is always a whole cache, this one or the last.
  RETURN_IF_ERROR(MakeDirs(file_.substr(0, file_.rfind('/'))));
  return WriteFileAtomic(file_, out);
}

}  // namespace mybuild::cache
