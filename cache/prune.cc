#include "cache/prune.h"

#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <map>

#include "base/fd.h"
#include "cache/scratch_dir.h"
#include "cache/store_inventory.h"

namespace mybuild::cache {
namespace {

std::time_t MTime(const std::string& path) {
  struct stat st;
  return ::lstat(path.c_str(), &st) == 0 ? st.st_mtime : 0;
}

class Pruner {
 public:
  Pruner(const StorePaths& paths, const PruneOptions& o, StoreInventory inv)
      : paths_(paths), o_(o), inv_(std::move(inv)), steps_(paths) {
    if (o_.now == 0) o_.now = std::time(nullptr);
    for (const auto& [hex, size] : inv_.blobs) total_ += size;
    for (const auto& [hex, size] : inv_.snapshots) total_ += size;
    for (const RecordInfo& r : inv_.records) {
      if (r.lookup.state == RecordState::kCorrupt) continue;
      ++blob_refs_[std::string(r.lookup.record.layer.digest.hex())];
      ++snap_refs_[std::string(r.lookup.record.layer.diff_id.hex())];
    }
  }

  Expected<PruneReport> Run() {
    std::vector<const RecordInfo*> candidates;
    for (const RecordInfo& r : inv_.records) {
      if (r.lookup.state != RecordState::kPresent) {
        RETURN_IF_ERROR(RemoveRecord(r));  // damaged or blob gone: never useful
      } else if ((o_.all || !inv_.tagged_blobs.count(Hex(r.lookup.record.layer.digest))) &&
                 OldEnough(r.last_used)) {
        candidates.push_back(&r);
      }
    }
    std::sort(candidates.begin(), candidates.end(), [](auto* a, auto* b) {
      return std::tie(a->last_used, a->key) < std::tie(b->last_used, b->key);
    });
    for (const RecordInfo* r : candidates) {
      if (!OverLimit()) break;
      RETURN_IF_ERROR(RemoveRecord(*r));
    }
    RETURN_IF_ERROR(CollectGarbage());
    // Step lock files: no build runs while prune holds the build lock.
    RETURN_IF_ERROR(RemoveAll(paths_.LocksDir()));
    // Damaged blobs set aside on a cache hit or a push: kept for a look,
    // never used again.
    RETURN_IF_ERROR(RemoveAll(paths_.QuarantineDir()));
    return report_;
  }

 private:
  static std::string Hex(const oci::Digest& d) { return std::string(d.hex()); }
  bool OverLimit() const { return o_.keep_storage < 0 || total_ > o_.keep_storage; }
  bool OldEnough(std::time_t used) const {
    return o_.until_seconds == 0 || o_.now - used >= o_.until_seconds;
  }
  bool BlobUnused(const std::string& hex) {
    return blob_refs_[hex] <= 0 && !inv_.tagged_blobs.count(hex) && inv_.blobs.count(hex);
  }
  // The snapshot of a lazy layer still in the store is that layer's only
  // copy: it goes with the blob, never before it.
  bool SnapshotUnused(const std::string& hex) {
    return snap_refs_[hex] <= 0 && (o_.all || !inv_.tagged_diff_ids.count(hex)) &&
           inv_.snapshots.count(hex) && !inv_.lazy_blobs.count(hex);
  }

  Status RemoveRecord(const RecordInfo& r) {
    RETURN_IF_ERROR(steps_.Remove(r.key));
    ::unlink(paths_.Inputs(r.key).c_str());
    ++report_.records;
    if (r.lookup.state == RecordState::kCorrupt) return Status::Ok();
    std::string blob = Hex(r.lookup.record.layer.digest);
    std::string snap = Hex(r.lookup.record.layer.diff_id);
    --blob_refs_[blob];
    --snap_refs_[snap];
    if (BlobUnused(blob)) RETURN_IF_ERROR(RemoveBlob(blob));
    if (SnapshotUnused(snap)) RETURN_IF_ERROR(RemoveSnapshot(snap));
    return Status::Ok();
  }

  Status RemoveBlob(const std::string& hex) {
    std::string path = paths_.BlobsDir() + "/" + hex;
    if (::unlink(path.c_str()) != 0 && errno != ENOENT) return SysError("unlink", path, errno);
    ::unlink((paths_.VerifiedDir() + "/" + hex).c_str());  // its mark, if any
    ::unlink((paths_.SizesDir() + "/" + hex).c_str());     // and its size
    (void)RemoveAll(paths_.VariantsRoot() + "/" + hex);    // and its variants
    ::unlink((paths_.LazyDir() + "/" + hex).c_str());      // or its lazy record
    Forget(inv_.blobs, hex);
    ++report_.blobs;
    if (inv_.lazy_blobs.erase(hex) && SnapshotUnused(hex)) return RemoveSnapshot(hex);
    return Status::Ok();
  }

  // Renamed into tmp/ first, so a crash never leaves half a snapshot.
  Status RemoveSnapshot(const std::string& hex) {
    std::string path = paths_.SnapshotsDir() + "/" + hex;
    std::string doomed = paths_.TmpDir() + "/pruned-" + hex;
    if (::rename(path.c_str(), doomed.c_str()) != 0) return SysError("rename", path, errno);
    RETURN_IF_ERROR(RemoveAll(doomed));
    Forget(inv_.snapshots, hex);
    ++report_.snapshots;
    return Status::Ok();
  }

  void Forget(std::map<std::string, int64_t>& sizes, const std::string& hex) {
    auto it = sizes.find(hex);
    if (it == sizes.end()) return;
    total_ -= it->second;
    report_.reclaimed += it->second;
    sizes.erase(it);
  }

  // Unreferenced blobs and snapshots, least recently modified first.
  Status CollectGarbage() {
    std::vector<std::tuple<std::time_t, bool, std::string>> garbage;
    for (const auto& [hex, size] : inv_.blobs) {
      if (BlobUnused(hex)) garbage.emplace_back(MTime(paths_.BlobsDir() + "/" + hex), true, hex);
    }
    for (const auto& [hex, size] : inv_.snapshots) {
      if (SnapshotUnused(hex)) {
        garbage.emplace_back(MTime(paths_.SnapshotsDir() + "/" + hex), false, hex);
      }
    }
    std::sort(garbage.begin(), garbage.end());
    for (const auto& [mtime, is_blob, hex] : garbage) {
      if (!OverLimit()) break;
      if (!OldEnough(mtime)) continue;
      RETURN_IF_ERROR(is_blob ? RemoveBlob(hex) : RemoveSnapshot(hex));
    }
    return Status::Ok();
  }

  const StorePaths& paths_;
  PruneOptions o_;
  StoreInventory inv_;
  StepIndex steps_;
  int64_t total_ = 0;
  std::map<std::string, int> blob_refs_, snap_refs_;
  PruneReport report_;
};

}  // namespace

Expected<PruneReport> Prune(const StorePaths& paths, const PruneOptions& options) {
  RETURN_IF_ERROR(MakeDirs(paths.TmpDir()));
  // Dead builds' scratch goes at once, even while other builds run.
  ASSIGN_OR_RETURN(int stale, RemoveStaleScratch(paths));
  ASSIGN_OR_RETURN(UniqueFd lock,
                   OpenFile(paths.BuildLock(), O_RDWR | O_CREAT | O_CLOEXEC, 0600));
  while (::flock(lock.get(), LOCK_EX) != 0) {
    if (errno != EINTR) return SysError("flock", paths.BuildLock(), errno);
  }
  ASSIGN_OR_RETURN(int swept, SweepTmp(paths));
  ASSIGN_OR_RETURN(StoreInventory inv, TakeInventory(paths));
  Expected<PruneReport> report = Pruner(paths, options, std::move(inv)).Run();
  if (report.ok()) report->scratch = stale + swept;
  return report;
}

}  // namespace mybuild::cache
