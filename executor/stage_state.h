// The image a stage has built so far, while the executor walks its steps.
#pragma once

#include <string>
#include <vector>

#include "cache/step_index.h"
#include "oci/image_config.h"

namespace mybuild::executor {

struct StageState {
  std::vector<cache::LayerRecord> layers;  // bottom first
  oci::ImageConfig config;  // diff_ids and history kept in step with layers
  std::string key;          // cache key of the last layer-making step

  // Snapshot dirs of the layers, top-most first (overlay lowerdir order).
  std::vector<std::string> LowerDirs(const std::string& snapshots_dir) const {
    std::vector<std::string> out;
    for (auto it = layers.rbegin(); it != layers.rend(); ++it) {
      out.push_back(snapshots_dir + "/" + std::string(it->diff_id.hex()));
    }
    return out;
  }
};

}  // namespace mybuild::executor
