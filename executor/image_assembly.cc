#include "executor/image_assembly.h"

#include "oci/manifest.h"
#include "oci/media_types.h"

namespace mybuild::executor {

Expected<BuiltImage> AssembleImage(const StageState& stage,
                                   const ExecOptions& options,
                                   cache::BlobStore& blobs) {
  oci::ImageConfig config = stage.config;
  // The newest layer's time (see ExecOptions::created).
  if (options.created_is_fixed || config.created.empty()) config.created = options.created;
  config.architecture = options.architecture;
  config.os = options.os;
  config.variant = options.variant;
  std::string config_json = config.ToJson();
  ASSIGN_OR_RETURN(oci::Digest config_digest, blobs.Put(config_json));

  oci::Manifest m;
  m.media_type = oci::media::kOciManifest;
  m.config.media_type = oci::media::kOciConfig;
  m.config.digest = config_digest;
  m.config.size = static_cast<int64_t>(config_json.size());
  for (const cache::LayerRecord& l : stage.layers) {
    oci::Descriptor d;
    d.media_type = l.media_type;
    d.digest = l.digest;
    d.size = l.size;
    m.layers.push_back(d);
  }
  ASSIGN_OR_RETURN(oci::Digest manifest_digest, blobs.Put(m.ToJson()));
  return BuiltImage{manifest_digest, config_digest, stage.base_layers, stage.base_history};
}

}  // namespace mybuild::executor
