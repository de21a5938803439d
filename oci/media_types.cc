#include "oci/media_types.h"

namespace mybuild::oci::media {

bool IsManifest(std::string_view t) {
  return t == kOciManifest || t == kDockerManifest;
}

bool IsIndex(std::string_view t) {
  return t == kOciIndex || t == kDockerManifestList;
}

bool IsLayer(std::string_view t) {
  return LayerCompression(t) != Compression::kUnknown;
}

Compression LayerCompression(std::string_view t) {
  if (t == kOciLayer || t == kDockerLayerUncompressed) {
    return Compression::kNone;
  }
  if (t == kOciLayerGzip || t == kDockerLayerGzip || t == kDockerForeignLayer ||
      t == kOciLayerNondistributableGzip) {
    return Compression::kGzip;
  }
  if (t == kOciLayerZstd) return Compression::kZstd;
  return Compression::kUnknown;
}

}  // namespace mybuild::oci::media
