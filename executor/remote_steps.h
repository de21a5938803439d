// A source of step records beyond the local store (an exported build cache:
// remote_cache/ implements it). The executor asks it about a step the local
// step index cannot serve, just before it would run the step, so only the
// steps a build reaches are ever fetched.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "cache/step_index.h"
#include "executor/progress.h"

namespace mybuild::executor {

class RemoteSteps {
 public:
  virtual ~RemoteSteps() = default;
  // When a cache holds a record for `key` made on the layers `below`
  // (StepRecord::below), brings its layer blobs into the local store,
  // verified, writes the local step record and returns true: the step is
  // then an ordinary local hit (its record goes to *record when given).
  // Otherwise returns false. What cannot be fetched or does not verify is
  // a Progress note and a false.
  // With `record` given, a cache whose blobs are slow to come (a
  // registry's) may return true at once, the record in *record, and fetch
  // in the background: the blobs and then the local record arrive before
  // Join returns, and a fetch that fails is Join's error (the step was
  // shown reused; nothing of the failed fetch is kept).
  // Called from several stage threads at once.
  virtual bool Import(const std::string& key, const std::string& below,
                      Progress& progress, cache::StepRecord* record = nullptr) = 0;
  // Waits for every background fetch Import started: Ok when each one's
  // blobs and record are in the local store, else the first failure
  //   cache type=registry,ref=r/c:t: step 1a2b3c4d5e6f: blob sha256:...: <why>
  // The executor calls it before a step that runs reads any layer and
  // before the image is written.
  virtual Status Join() { return Status::Ok(); }
  // Whether a cache holds a record for `key` made on `below`, fetching
  // nothing: its layer goes to *layer. Lets a stage whose results only
  // steps found in a cache read be planned without running it.
  virtual bool Peek(const std::string& key, const std::string& below,
                    cache::LayerRecord* layer) {
    (void)key, (void)below, (void)layer;
    return false;
  }
  // For --explain on a store that never built this Dockerfile: the key each
  // step slot ("stage/n", cache::BuildHistory) had in the builds that wrote
  // the caches; their inputs are in the local store once this is called.
  virtual std::map<std::string, std::string> History() const { return {}; }
  // Called just before a RUN step runs, with the CacheIdentity() of each
  // of its cache mounts: a cache that holds the contents of one that this
  // store lacks puts them in place first. Never fails (a note instead).
  virtual void BeforeRun(const std::vector<std::string>& cache_ids, Progress& progress) {
    (void)cache_ids;
    (void)progress;
  }
};

}  // namespace mybuild::executor
