#include "export/image_variant.h"

#include "base/fd.h"
#include "cache/blob_store.h"
#include "export/layer_variant.h"
#include "oci/image_config.h"
#include "oci/media_types.h"

namespace mybuild::exporter {

namespace media = oci::media;

Expected<StoredImage> LoadImage(const cache::StorePaths& store, const oci::Digest& digest) {
  StoredImage image;
  image.digest = digest;
  ASSIGN_OR_RETURN(image.manifest_json, ReadFile(store.Blob(digest)));
  auto m = oci::Manifest::FromJson(image.manifest_json);
  if (!m.ok()) return m.status().WithPrefix(store.Blob(digest));
  image.manifest = std::move(m).value();
  return image;
}

namespace {

// `image` with its manifest changed to `m`: the new manifest stored in
// `store` as a StoredImage; `image` itself when `m` changes nothing.
Expected<StoredImage> WithManifest(const cache::StorePaths& store, const StoredImage& image,
                                   oci::Manifest m) {
  if (m == image.manifest) return image;
  ASSIGN_OR_RETURN(cache::BlobStore blobs, cache::BlobStore::Open(store));
  StoredImage out;
  out.manifest_json = m.ToJson();
  ASSIGN_OR_RETURN(out.digest, blobs.Put(out.manifest_json));
  out.manifest = std::move(m);
  return out;
}

}  // namespace

Expected<StoredImage> ConvertImage(const cache::StorePaths& store, const StoredImage& image,
                                   const LayerOptions& opts) {
  oci::Manifest m = image.manifest;
  bool oci = opts.compression == LayerCompression::kZstd ||
             opts.oci_mediatypes.value_or(m.media_type == media::kOciManifest);
  ASSIGN_OR_RETURN(std::string config_text, ReadFile(store.Blob(m.config.digest)));
  ASSIGN_OR_RETURN(oci::ImageConfig config, oci::ImageConfig::FromJson(config_text));
  if (config.diff_ids.size() != m.layers.size()) {
    return Internal("image " + image.digest.str() + ": " + std::to_string(m.layers.size()) +
                    " layers but " + std::to_string(config.diff_ids.size()) + " diff_ids");
  }
  for (size_t i = 0; i < m.layers.size(); ++i) {
    oci::Descriptor& l = m.layers[i];
    bool keep = LayerCompressionOf(l.media_type) == opts.compression &&
                (!opts.force || opts.compression == LayerCompression::kUncompressed);
    if (!keep) {
      ASSIGN_OR_RETURN(l, LayerVariant(store, l, config.diff_ids[i], opts));
    }
    l.media_type = LayerMediaType(oci, opts.compression);
  }
  m.media_type = std::string(oci ? media::kOciManifest : media::kDockerManifest);
  m.config.media_type = std::string(oci ? media::kOciConfig : media::kDockerConfig);
  return WithManifest(store, image, std::move(m));
}

Expected<StoredImage> AnnotateManifest(const cache::StorePaths& store, const StoredImage& image,
                                       const std::map<std::string, std::string>& annotations) {
  if (annotations.empty()) return image;
  oci::Manifest m = image.manifest;
  for (const auto& [k, v] : annotations) m.annotations[k] = v;
  return WithManifest(store, image, std::move(m));
}

Expected<std::string> ImagePlatform(const cache::StorePaths& store, const StoredImage& image) {
  ASSIGN_OR_RETURN(std::string text, ReadFile(store.Blob(image.manifest.config.digest)));
  ASSIGN_OR_RETURN(oci::ImageConfig config, oci::ImageConfig::FromJson(text));
  return config.os + "/" + config.architecture +
         (config.variant.empty() ? "" : "/" + config.variant);
}

}  // namespace mybuild::exporter
