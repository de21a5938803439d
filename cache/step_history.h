// What `--explain` compares against: the named inputs of every step recipe
// that ran (by key), and for each build (a context and a Dockerfile) the key
// each of its steps had last time. Only missed steps write inputs; a build
// writes its history once, at its end, and only when a key changed.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "cache/store_paths.h"
#include "planner/build_graph.h"

namespace mybuild::cache {

// Step slot -> key, e.g. "builder/3" -> "<hex>".
using BuildHistory = std::map<std::string, std::string>;

class StepHistory {
 public:
  explicit StepHistory(StorePaths paths) : paths_(std::move(paths)) {}

  // A stable name for a build: the absolute context path and the
  // Dockerfile's path (as given), hashed.
  static std::string BuildId(const std::string& context_abs,
                             const std::string& dockerfile);

  // Stores the inputs of the recipe with `key`, sealed (SealInputs): their
  // values' digests, never the values.
  Status SaveInputs(const std::string& key,
                    const std::vector<planner::StepInput>& inputs);
  // The stored (sealed) inputs of `key`; nullopt when none were stored or
  // the file is unreadable (explain then says it has nothing to compare
  // with).
  // The same for inputs sealed already (LoadInputs of another store's, as a
  // --cache-from brings them).
  Status SaveSealedInputs(const std::string& key,
                          const std::vector<planner::StepInput>& sealed);
  std::optional<std::vector<planner::StepInput>> LoadInputs(
      const std::string& key) const;

  // The history of `build_id`; empty when there is none or it is unreadable.
  BuildHistory Load(const std::string& build_id) const;
  Status Save(const std::string& build_id, const BuildHistory& history);

 private:
  StorePaths paths_;
};

}  // namespace mybuild::cache
