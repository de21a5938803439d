#include "remote_cache/cache_importer.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>

#include "base/fd.h"
#include "base/sha256.h"
#include "cache/blob_store.h"
#include "cache/step_history.h"
#include "cache/step_index.h"
#include "oci/manifest.h"
#include "oci/media_types.h"
#include "remote_cache/cache_mount_layers.h"
#include "remote_cache/inline_cache.h"

namespace mybuild::remote_cache {
namespace {

// Fetches `d` into the blob store unless it is there; verified by size and
// digest before it is committed (by the backend as it streams, when it
// does: a 50 MB layer is then not read a second time).
Status FetchInto(CacheBackend& backend, const oci::Descriptor& d,
                 cache::BlobStore& blobs) {
  if (blobs.Has(d.digest)) return Status::Ok();
  ASSIGN_OR_RETURN(std::string tmp, blobs.NewTempPath());
  Status st = backend.FetchBlob(d, tmp);
  if (st.ok()) {
    struct stat sb;
    if (::stat(tmp.c_str(), &sb) != 0) {
      st = SysError("stat", tmp, errno);
    } else if (sb.st_size != d.size) {
      st = InvalidArgument("size mismatch: expected " + std::to_string(d.size) +
                           " bytes, got " + std::to_string(sb.st_size));
    }
  }
  if (st.ok()) {
    return backend.VerifiesFetch() ? blobs.CommitWritten(tmp, d.digest)
                                   : blobs.Commit(tmp, d.digest);
  }
  ::unlink(tmp.c_str());
  return st;
}

}  // namespace

Expected<LoadedRecords> LoadRecords(CacheBackend& backend,
                                    const cache::StorePaths& store) {
  ASSIGN_OR_RETURN(std::string manifest_json, backend.ReadManifest());
  // A cache manifest or a cache index (image-manifest=true or false).
  ASSIGN_OR_RETURN(CacheListing manifest, ReadCacheListing(manifest_json));
  const std::string& type = manifest.config.media_type;
  bool image =
      type == oci::media::kOciConfig || type == oci::media::kDockerConfig;
  if (type != kCacheConfigType && !image) {
    return InvalidArgument("manifest config is " + type +
                           ", not a cache's or an image's");
  }
  ASSIGN_OR_RETURN(cache::BlobStore blobs, cache::BlobStore::Open(store));
  Status st = FetchInto(backend, manifest.config, blobs);
  if (!st.ok()) {
    // A cache whose config is missing is damaged, not absent.
    ErrorCode code = st.code() == ErrorCode::kNotFound
                         ? ErrorCode::kInvalidArgument
                         : st.code();
    return Status(
        code, "config " + manifest.config.digest.str() + ": " + st.message());
  }
  ASSIGN_OR_RETURN(std::string config, blobs.Get(manifest.config.digest));
  // type=inline: an image whose config carries its records.
  if (image) {
    ASSIGN_OR_RETURN(config, InlineRecordsJson(config));
  }
  ASSIGN_OR_RETURN(std::vector<CacheRecord> records, RecordsFromJson(config));
  ASSIGN_OR_RETURN(std::vector<CacheMountRecord> mounts,
                   MountsFromJson(config));
  LoadedRecords out;
  ASSIGN_OR_RETURN(out.records, VerifyRecords(manifest_json, records, mounts));
  for (const CacheMountRecord& m : mounts) out.mounts.emplace(m.id, m.layer);
  return out;
}

Expected<std::unique_ptr<CacheImporter>> CacheImporter::Open(
    std::vector<ImportSource> sources, const cache::StorePaths& store,
    executor::Progress& progress) {
  std::unique_ptr<CacheImporter> out(new CacheImporter(store));
  for (ImportSource& s : sources) {
    Expected<LoadedRecords> records = LoadRecords(*s.backend, store);
    if (!records.ok()) {
      // No cache yet (a first CI run) is no failure, even for
      // ignore-error=false.
      if (records.status().code() == ErrorCode::kNotFound) continue;
      std::string why =
          "cache " + s.backend->name() + ": " + records.status().message();
      if (!s.ignore_error) return Status(records.status().code(), why);
      progress.Note("cache " + s.backend->name() +
                    ": ignored: " + records.status().message());
      continue;
    }
    out->NoteSlots(records->records);
    out->loaded_.push_back({std::move(s.backend), std::move(records->records),
                            std::move(records->mounts)});
  }
  return out;
}

void CacheImporter::NoteSlots(
    const std::map<std::string, CacheRecord>& records) {
  for (const auto& [key, r] : records) {
    if (!r.slot.empty() && !r.inputs.empty()) history_.emplace(r.slot, key);
  }
}

void CacheImporter::SaveInputs(const std::string& key) const {
  cache::StepHistory history(store_);
  for (const Loaded& source : loaded_) {
    auto it = source.records.find(key);
    if (it == source.records.end() || it->second.inputs.empty()) continue;
    // Best effort: without them --explain only has less to say.
    if (!history.LoadInputs(key)) (void)history.SaveSealedInputs(key, it->second.inputs);
    return;
  }
}

std::map<std::string, std::string> CacheImporter::History() const {
  std::lock_guard<std::mutex> lock(mu_);
  for (const auto& [slot, key] : history_) SaveInputs(key);
  return history_;
}

CacheImporter::~CacheImporter() {
  (void)Join();  // the threads use this object
  for (const std::string& key : imported_) SaveInputs(key);
}

Status CacheImporter::FetchLayers(CacheBackend& backend,
                                  const CacheRecord& record) {
  ASSIGN_OR_RETURN(cache::BlobStore blobs, cache::BlobStore::Open(store_));
  for (const cache::LayerRecord& l : record.layers) {
    Status st = FetchInto(backend, Describe(l), blobs);
    if (!st.ok()) return st.WithPrefix("blob " + l.digest.str());
  }
  return Status::Ok();
}

void CacheImporter::FetchInBackground(Loaded& source, const CacheRecord& r,
                                      executor::Progress& progress) {
  std::shared_ptr<executor::TransferStep>& step = steps_[source.backend.get()];
  if (!step) {
    step = std::make_shared<executor::TransferStep>(
        &progress, "importing cache from " + source.backend->name());
    source.backend->ReportBytes([step](const registry::BlobProgress& p) {
      step->Bytes(p.digest.str(), p.current, p.total, p.done);
    });
  }
  std::vector<std::pair<oci::Digest, std::shared_future<Status>>> blobs;
  for (const cache::LayerRecord& l : r.layers) {
    std::shared_future<Status>& f = fetching_[l.digest.str()];
    if (!f.valid()) {
      f = std::async(std::launch::async, [this, backend = source.backend.get(),
                                          d = Describe(l)] {
            ASSIGN_OR_RETURN(cache::BlobStore blobs, cache::BlobStore::Open(store_));
            return FetchInto(*backend, d, blobs);
          }).share();
    }
    blobs.emplace_back(l.digest, f);
  }
  // The local record is written only once every blob it names is in. The
  // lambda keeps what that record needs, not the whole record: a COPY's
  // record holds every file of its sources as inputs (20,000 of them in a
  // big context, a copy of which cost ~10 ms before the step was shown).
  pending_.push_back(std::async(
      std::launch::async, [this, &source, key = r.key,
                           local = cache::StepRecord{r.layers.back(), r.below, r.created},
                           blobs = std::move(blobs)]() -> Status {
        Status st;
        for (const auto& [digest, f] : blobs) {
          st = f.get();
          if (!st.ok()) {
            st = st.WithPrefix("blob " + digest.str());
            break;
          }
        }
        if (st.ok()) st = cache::StepIndex(store_).Record(key, local);
        std::lock_guard<std::mutex> lock(mu_);
        if (st.ok()) {
          imported_.push_back(key);
          return st;
        }
        source.records.erase(key);  // never trusted again
        return st.WithPrefix("cache " + source.backend->name() + ": step " +
                             key.substr(0, 12));
      }));
}

Status CacheImporter::Join() {
  std::vector<std::future<Status>> waiting;
  {
    std::lock_guard<std::mutex> lock(mu_);
    waiting.swap(pending_);
  }
  Status first;
  for (std::future<Status>& f : waiting) {
    Status st = f.get();
    if (first.ok() && !st.ok()) first = st;
  }
  std::lock_guard<std::mutex> lock(mu_);
  if (pending_.empty()) {
    // Nothing moves: each source's step is over (a later fetch starts
    // another).
    for (auto& [backend, step] : steps_) {
      backend->ReportBytes(nullptr);
      step->Finish(first);
    }
    steps_.clear();
  }
  return first;
}

bool CacheImporter::Import(const std::string& key, const std::string& below,
                           executor::Progress& progress, cache::StepRecord* record) {
  std::lock_guard<std::mutex> lock(mu_);
  for (Loaded& source : loaded_) {
    auto it = source.records.find(key);
    if (it == source.records.end() || it->second.below != below) continue;
    const CacheRecord& r = it->second;
    if (record) *record = {r.layers.back(), r.below, r.created};
    if (record && source.backend->FetchesInBackground()) {
      FetchInBackground(source, r, progress);
      return true;
    }
    Status st = FetchLayers(*source.backend, r);
    if (st.ok()) {
      st = cache::StepIndex(store_).Record(
          key, {r.layers.back(), r.below, r.created});
    }
    if (st.ok()) {
      imported_.push_back(key);
      return true;
    }
    progress.Note("cache " + source.backend->name() + ": step " +
                  key.substr(0, 12) + ": " + st.message() + "; the step runs");
    source.records.erase(it);
  }
  return false;
}

bool CacheImporter::Peek(const std::string& key, const std::string& below,
                         cache::LayerRecord* layer) {
  std::lock_guard<std::mutex> lock(mu_);
  for (const Loaded& source : loaded_) {
    auto it = source.records.find(key);
    if (it == source.records.end() || it->second.below != below) continue;
    *layer = it->second.layers.back();
    return true;
  }
  return false;
}

void CacheImporter::BeforeRun(const std::vector<std::string>& cache_ids,
                              executor::Progress& progress) {
  std::lock_guard<std::mutex> lock(mu_);
  for (const std::string& id : cache_ids) {
    std::string dir = CacheMountPath(store_, id);
    std::error_code ec;
    if (std::filesystem::exists(dir, ec)) continue;
    for (Loaded& source : loaded_) {
      auto it = source.mounts.find(Sha256Hex(id));
      if (it == source.mounts.end()) continue;
      Status st = MakeDirs(store_.root() + "/cache-mounts");
      Expected<cache::BlobStore> blobs = cache::BlobStore::Open(store_);
      if (st.ok()) st = blobs.status();
      if (st.ok())
        st = FetchInto(*source.backend, Describe(it->second), *blobs);
      if (st.ok()) st = UnpackCacheMount(blobs->Path(it->second.digest), dir);
      if (st.ok()) break;
      progress.Note("cache " + source.backend->name() + ": cache mount " +
                    it->first + ": " + st.message());
      source.mounts.erase(it);
    }
  }
}

size_t CacheImporter::record_count() const {
  size_t n = 0;
  for (const Loaded& l : loaded_) n += l.records.size();
  return n;
}

}  // namespace mybuild::remote_cache
