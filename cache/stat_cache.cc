#include "cache/stat_cache.h"

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
    : file_(std::move(o.file_)), entries_(std::move(o.entries_)),
      dirty_(o.dirty_), hits_(o.hits_), misses_(o.misses_) {}

StatCache StatCache::Load(const StorePaths& paths, const std::string& context_abs) {
  StatCache c;
  c.file_ = paths.ContextCache(Sha256Hex(context_abs));
  Expected<std::string> text = ReadFile(c.file_);
  if (!text.ok() || text->rfind(kHeader, 0) != 0) return c;
  const char* p = text->c_str() + sizeof kHeader - 1;
  const char* end = text->c_str() + text->size();
  while (p < end) {
    Entry e;
    char* q = nullptr;
    int64_t* fields[] = {&e.size, &e.mtime_ns, &e.ctime_ns, &e.ino, &e.mode, &e.hashed_ns};
    for (int64_t* f : fields) {
      *f = std::strtoll(p, &q, 10);
      if (q == p || *q != ' ') return StatCache(std::move(c.file_));
      p = q + 1;
    }
    if (end - p < 66 || p[64] != ' ') return StatCache(std::move(c.file_));
    e.digest.assign(p, 64);
    p += 65;
    const char* nul = static_cast<const char*>(std::memchr(p, '\0', end - p));
    if (nul == nullptr || nul + 1 >= end || nul[1] != '\n') return StatCache(std::move(c.file_));
    c.entries_[std::string(p, nul)] = std::move(e);
    p = nul + 2;
  }
  return c;
}

bool StatCache::Same(const Entry& e, const struct stat& st) {
  return e.size == st.st_size && e.mtime_ns == Ns(st.st_mtim) &&
         e.ctime_ns == Ns(st.st_ctim) && e.ino == static_cast<int64_t>(st.st_ino) &&
         e.mode == static_cast<int64_t>(st.st_mode);
}

std::optional<std::string> StatCache::Get(const std::string& rel, const struct stat& st) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = entries_.find(rel);
  if (it == entries_.end() || !Same(it->second, st) ||
      it->second.mtime_ns + kRacyNs > it->second.hashed_ns) {
    ++misses_;
    return std::nullopt;
  }
  ++hits_;
  it->second.used = true;
  return it->second.digest;
}

void StatCache::Put(const std::string& rel, const struct stat& st, const std::string& digest) {
  std::lock_guard<std::mutex> lock(mu_);
  Entry& e = entries_[rel];
  e = {st.st_size, Ns(st.st_mtim), Ns(st.st_ctim), static_cast<int64_t>(st.st_ino),
       static_cast<int64_t>(st.st_mode), Now(), digest, true};
  dirty_ = true;
}

Status StatCache::Save() {
  std::lock_guard<std::mutex> lock(mu_);
  if (file_.empty()) return Status::Ok();
  std::string out = kHeader;
  size_t used = 0;
  for (const auto& [rel, e] : entries_) {
    if (!e.used) continue;
    ++used;
    out += std::to_string(e.size) + ' ' + std::to_string(e.mtime_ns) + ' ' +
           std::to_string(e.ctime_ns) + ' ' + std::to_string(e.ino) + ' ' +
           std::to_string(e.mode) + ' ' + std::to_string(e.hashed_ns) + ' ' +
           e.digest + ' ' + rel + '\0' + '\n';
  }
  if (!dirty_ && used == entries_.size()) return Status::Ok();
  RETURN_IF_ERROR(MakeDirs(file_.substr(0, file_.rfind('/'))));
  return WriteFileAtomic(file_, out);
}

}  // namespace mybuild::cache
