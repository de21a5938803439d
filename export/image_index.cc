#include "export/image_index.h"

#include "base/fd.h"
#include "cache/blob_store.h"
#include "cache/lazy_layers.h"
#include "export/archive_export.h"
#include "oci/image_config.h"
#include "oci/image_layout.h"
#include "oci/media_types.h"
#include "oci/reference.h"

namespace mybuild::exporter {

Expected<oci::Descriptor> PlatformDescriptor(const cache::StorePaths& store,
                                             const StoredImage& image) {
  ASSIGN_OR_RETURN(std::string config_text, ReadFile(store.Blob(image.manifest.config.digest)));
  ASSIGN_OR_RETURN(oci::ImageConfig config, oci::ImageConfig::FromJson(config_text));
  oci::Descriptor d;
  d.media_type = image.manifest.media_type;
  d.digest = image.digest;
  d.size = static_cast<int64_t>(image.manifest_json.size());
  d.platform = oci::Platform{config.os, config.architecture, config.variant, {}, {}};
  return d;
}

Expected<StoredIndex> PutImageIndex(
    const cache::StorePaths& store, const std::vector<StoredImage>& images,
    const std::map<std::string, std::string>& annotations,
    const std::vector<std::map<std::string, std::string>>& descriptor_annotations) {
  StoredIndex out;
  out.images = images;
  out.index.annotations = annotations;
  size_t docker = 0;
  for (size_t i = 0; i < images.size(); ++i) {
    docker += images[i].manifest.media_type == oci::media::kDockerManifest ? 1 : 0;
    ASSIGN_OR_RETURN(oci::Descriptor d, PlatformDescriptor(store, images[i]));
    if (i < descriptor_annotations.size()) d.annotations = descriptor_annotations[i];
    out.index.manifests.push_back(std::move(d));
  }
  if (docker != 0 && docker != images.size()) {
    return InvalidArgument("an index cannot list both OCI and Docker manifests");
  }
  out.index.media_type =
      std::string(docker ? oci::media::kDockerManifestList : oci::media::kOciIndex);
  out.json = out.index.ToJson();
  ASSIGN_OR_RETURN(cache::BlobStore blobs, cache::BlobStore::Open(store));
  ASSIGN_OR_RETURN(out.digest, blobs.Put(out.json));
  return out;
}

Status WriteOciLayoutIndex(const cache::StorePaths& store, const std::string& dir,
                           const StoredIndex& index, const std::vector<std::string>& names,
                           const std::map<std::string, std::string>& descriptor_annotations) {
  ASSIGN_OR_RETURN(oci::ImageLayout layout, oci::ImageLayout::Open(dir));
  for (const StoredImage& image : index.images) {
    std::vector<oci::Digest> blobs = {image.manifest.config.digest};
    for (const oci::Descriptor& l : image.manifest.layers) blobs.push_back(l.digest);
    for (const oci::Digest& d : blobs) {
      RETURN_IF_ERROR(cache::MaterializeLayer(store, d));
      RETURN_IF_ERROR(layout.AddBlobFile(d, store.Blob(d)));
    }
    RETURN_IF_ERROR(layout.AddBlob(image.manifest_json).status());
  }
  RETURN_IF_ERROR(layout.AddBlob(index.json).status());
  oci::Descriptor d;
  d.media_type = index.index.media_type;
  d.digest = index.digest;
  d.size = static_cast<int64_t>(index.json.size());
  d.annotations = descriptor_annotations;
  if (names.empty()) layout.AddIndexEntry(d);
  for (const std::string& name : names) {
    ASSIGN_OR_RETURN(oci::ImageReference ref, oci::ImageReference::Parse(name));
    oci::Descriptor e = d;
    e.annotations[oci::kRefNameAnnotation] = ref.tag();
    e.annotations[kImageNameAnnotation] = ref.str();
    layout.AddIndexEntry(e);
  }
  return layout.Commit();
}

std::string PlatformDirName(const oci::Platform& p) {
  return p.os + "_" + p.architecture + (p.variant.empty() ? "" : "_" + p.variant);
}

}  // namespace mybuild::exporter
