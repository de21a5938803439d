// --cache-from: the step records of one or more exported caches, consulted
// in the order given when the local cache misses a step. A record is used
// only for exactly its key and the layers it was made on; its layer blobs
// are fetched then, verified into the local blob store, and the record
// written to the local step index, so the step is an ordinary local hit
// (its snapshot is unpacked as any reused step's is).
#pragma once

#include <future>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "cache/store_paths.h"
#include "executor/remote_steps.h"
#include "executor/transfer_step.h"
#include "remote_cache/cache_backend.h"
#include "remote_cache/cache_records.h"

namespace mybuild::remote_cache {

struct ImportSource {
  std::unique_ptr<CacheBackend> backend;
  // ignore-error=false: a cache that cannot be read fails the build.
  bool ignore_error = true;
};

class CacheImporter : public executor::RemoteSteps {
 public:
  // Reads every source's manifest and records now (small blobs only). A
  // source with no cache yet is skipped silently (whatever its
  // ignore_error: a first run has none); one that cannot be read
  // or does not verify is skipped with a note
  //   cache type=local,src=/c: ignored: record <key> names blob ...
  // or, when its ignore_error is false, fails with that message.
  static Expected<std::unique_ptr<CacheImporter>> Open(
      std::vector<ImportSource> sources, const cache::StorePaths& store,
      executor::Progress& progress);

  // See executor::RemoteSteps. A layer that fails to fetch or verify is
  // noted, its record forgotten, and false returned (the step runs):
  //   cache type=local,src=/c: step 1a2b3c4d5e6f: blob sha256:...: <why>; the
  //   step runs
  // With `record` given and a backend that FetchesInBackground (a
  // registry), the fetch goes on in the background and Join reports its
  // failure, as
  //   cache type=registry,ref=r/c:t: step 1a2b3c4d5e6f: blob sha256:...: <why>
  // (no blob or local record of it is kept, and the record is forgotten).
  bool Import(const std::string& key, const std::string& below,
              executor::Progress& progress, cache::StepRecord* record = nullptr) override;
  Status Join() override;
  // Whether a source holds a record for `key` made on `below` (fetches
  // nothing; see executor::RemoteSteps).
  bool Peek(const std::string& key, const std::string& below,
            cache::LayerRecord* layer) override;
  // Puts in place every cache mount of `cache_ids` this store lacks and a
  // source holds (cache-mounts=true); what fails is a note
  //   cache type=local,src=/c: cache mount <hex>: <why>
  void BeforeRun(const std::vector<std::string>& cache_ids,
                 executor::Progress& progress) override;

  // Slot -> key of the records that name their slot (the first source's
  // first), whose inputs are then stored in the local store (for
  // --explain only: Open does not spend time on 20,000 file inputs).
  std::map<std::string, std::string> History() const override;

  // Stores the inputs of the records imported (when the local store has
  // none), so a later --explain on this store knows them.
  ~CacheImporter() override;

  // How many records the sources hold, for tests and notes.
  size_t record_count() const;

 private:
  struct Loaded {
    std::unique_ptr<CacheBackend> backend;
    std::map<std::string, CacheRecord> records;
    std::map<std::string, cache::LayerRecord>
        mounts;  // by CacheMountRecord::id
  };
  explicit CacheImporter(const cache::StorePaths& store) : store_(store) {}
  // Keeps the slots of `records`.
  void NoteSlots(const std::map<std::string, CacheRecord>& records);
  // Stores the inputs of record `key` of the first source holding it,
  // unless the local store has them. Best effort.
  void SaveInputs(const std::string& key) const;
  Status FetchLayers(CacheBackend& backend, const CacheRecord& record);
  // Starts fetching `r`'s layers (each blob once, however many records
  // name it) and then writing its local record, on threads of their own.
  void FetchInBackground(Loaded& source, const CacheRecord& r, executor::Progress& progress);

  cache::StorePaths store_;
  std::vector<Loaded> loaded_;
  std::map<std::string, std::string> history_;
  std::vector<std::string> imported_;  // keys, in import order
  // Background fetches by blob digest, and the record writes that wait
  // for them (Join takes these).
  std::map<std::string, std::shared_future<Status>> fetching_;
  std::vector<std::future<Status>> pending_;
  // The step each background-fetching source's blobs show under
  // ("importing cache from NAME"), until Join finds nothing pending.
  std::map<CacheBackend*, std::shared_ptr<executor::TransferStep>> steps_;
  mutable std::mutex mu_;  // one import at a time
};

struct LoadedRecords {
  std::map<std::string, CacheRecord> records;        // by key
  std::map<std::string, cache::LayerRecord> mounts;  // by CacheMountRecord::id
};

// Reads and verifies the records of the cache in `backend` (a cache
// manifest, a cache index or, for type=inline, an image), fetching the
// config blob into `store`'s blobs. kNotFound when it holds no cache;
// kInvalidArgument when the manifest or config does not verify.
Expected<LoadedRecords> LoadRecords(CacheBackend& backend,
                                    const cache::StorePaths& store);

}  // namespace mybuild::remote_cache
