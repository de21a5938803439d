// The image a stage has built so far, while the executor walks its steps.
#pragma once

#include <algorithm>
#include <string>
#include <vector>

#include "cache/step_index.h"
#include "oci/image_config.h"

namespace mybuild::executor {

struct StageState {
  std::vector<cache::LayerRecord> layers;  // bottom first
  oci::ImageConfig config;  // diff_ids and history kept in step with layers
  std::string key;          // cache key of the last layer-making step
  // How many of `layers` and of config.history came with the FROM image
  // (through a FROM of another stage too): what an exporter leaves alone.
  size_t base_layers = 0;
  size_t base_history = 0;

  // Snapshot dirs of the layers, top-most first (overlay lowerdir order).
  // A layer that comes again (two empty RUNs, the same COPY twice) shares
  // its snapshot dir, which overlayfs refuses to stack twice (ELOOP); only
  // its top-most place is kept, which changes nothing: every path the
  // lower copy has, the upper copy has too.
  std::vector<std::string> LowerDirs(const std::string& snapshots_dir) const {
    std::vector<std::string> out;
    for (auto it = layers.rbegin(); it != layers.rend(); ++it) {
      std::string dir = snapshots_dir + "/" + std::string(it->diff_id.hex());
      if (std::find(out.begin(), out.end(), dir) == out.end())
        out.push_back(dir);
    }
    return out;
  }
};

}  // namespace mybuild::executor
