#include "export/archive_export.h"

#include <nlohmann/json.hpp>
#include <set>

#include "base/fd.h"
#include "cache/blob_verify.h"
#include "export/image_index.h"
#include "export/tar_writer.h"
#include "oci/image_config.h"
#include "oci/image_layout.h"
#include "oci/media_types.h"
#include "oci/reference.h"
#include "cache/lazy_layers.h"

namespace mybuild::exporter {
namespace {

std::string BlobName(const oci::Digest& d) { return "blobs/sha256/" + std::string(d.hex()); }

// The index entries of `image`: one per name, or one without a name.
Expected<std::vector<oci::Descriptor>> IndexEntries(const cache::StorePaths& store,
                                                    const NamedImage& named) {
  ASSIGN_OR_RETURN(oci::Descriptor d, PlatformDescriptor(store, named.image));
  d.annotations = named.descriptor_annotations;
  std::vector<oci::Descriptor> out;
  for (const std::string& name : named.names) {
    ASSIGN_OR_RETURN(oci::ImageReference ref, oci::ImageReference::Parse(name));
    oci::Descriptor e = d;
    e.annotations[oci::kRefNameAnnotation] = ref.tag();
    e.annotations[kImageNameAnnotation] = ref.str();
    out.push_back(std::move(e));
  }
  if (out.empty()) out.push_back(d);
  return out;
}

// Links (or copies) the stored blob `d` into `layout`. A new link changes
// the blob's ctime, which its verified mark holds (cache/blob_verify.h): a
// blob marked just before is marked again, so that its next use does not
// hash it for nothing.
Status AddStoredBlob(const cache::StorePaths& store, oci::ImageLayout& layout,
                     const oci::Digest& d) {
  cache::BlobVerifier verifier(store);
  bool marked = verifier.IsMarked(d);
  RETURN_IF_ERROR(layout.AddBlobFile(d, store.Blob(d)));
  if (marked && !verifier.IsMarked(d)) verifier.Mark(d);
  return Status::Ok();
}

// The config and layers of `image`.
std::vector<oci::Digest> Blobs(const StoredImage& image) {
  std::vector<oci::Digest> out = {image.manifest.config.digest};
  for (const oci::Descriptor& l : image.manifest.layers) out.push_back(l.digest);
  return out;
}

// Writes each blob once, in order.
class BlobTar {
 public:
  BlobTar(const cache::StorePaths& store, TarWriter& tar) : store_(store), tar_(tar) {}
  Status Add(const oci::Digest& d) {
    if (!seen_.insert(d.str()).second) return Status::Ok();
    RETURN_IF_ERROR(cache::MaterializeLayer(store_, d));
    return tar_.AddFile(BlobName(d), store_.Blob(d));
  }

 private:
  const cache::StorePaths& store_;
  TarWriter& tar_;
  std::set<std::string> seen_;
};

}  // namespace

Status WriteOciLayout(const cache::StorePaths& store, const std::string& dir,
                      const std::vector<NamedImage>& images) {
  ASSIGN_OR_RETURN(oci::ImageLayout layout, oci::ImageLayout::Open(dir));
  for (const NamedImage& n : images) {
    for (const oci::Digest& d : Blobs(n.image)) {
      RETURN_IF_ERROR(cache::MaterializeLayer(store, d));
      RETURN_IF_ERROR(AddStoredBlob(store, layout, d));
    }
    RETURN_IF_ERROR(layout.AddBlob(n.image.manifest_json).status());
    ASSIGN_OR_RETURN(std::vector<oci::Descriptor> entries, IndexEntries(store, n));
    for (const oci::Descriptor& e : entries) layout.AddIndexEntry(e);
  }
  return layout.Commit();
}

Status WriteOciArchive(const cache::StorePaths& store, const std::string& dest,
                       const std::vector<NamedImage>& images) {
  oci::ImageIndex index;
  index.media_type = std::string(oci::media::kOciIndex);
  for (const NamedImage& n : images) {
    ASSIGN_OR_RETURN(std::vector<oci::Descriptor> entries, IndexEntries(store, n));
    index.manifests.insert(index.manifests.end(), entries.begin(), entries.end());
  }
  ASSIGN_OR_RETURN(std::unique_ptr<TarWriter> tar, TarWriter::Create(dest));
  RETURN_IF_ERROR(tar->AddBytes("oci-layout", R"({"imageLayoutVersion":"1.0.0"})"));
  RETURN_IF_ERROR(tar->AddBytes("index.json", index.ToJson()));
  RETURN_IF_ERROR(tar->AddDir("blobs"));
  RETURN_IF_ERROR(tar->AddDir("blobs/sha256"));
  BlobTar blobs(store, *tar);
  for (const NamedImage& n : images) {
    for (const oci::Digest& d : Blobs(n.image)) RETURN_IF_ERROR(blobs.Add(d));
    RETURN_IF_ERROR(blobs.Add(n.image.digest));
  }
  return tar->Finish();
}

Status WriteDockerArchive(const cache::StorePaths& store, const std::string& dest,
                          const std::vector<NamedImage>& images) {
  nlohmann::json manifest = nlohmann::json::array();
  for (const NamedImage& n : images) {
    nlohmann::json tags = nlohmann::json::array();
    for (const std::string& name : n.names) {
      ASSIGN_OR_RETURN(oci::ImageReference ref, oci::ImageReference::Parse(name));
      tags.push_back(ref.Familiar());
    }
    nlohmann::json layers = nlohmann::json::array();
    for (const oci::Descriptor& l : n.image.manifest.layers) layers.push_back(BlobName(l.digest));
    manifest.push_back({{"Config", BlobName(n.image.manifest.config.digest)},
                        {"RepoTags", tags},
                        {"Layers", layers}});
  }
  ASSIGN_OR_RETURN(std::unique_ptr<TarWriter> tar, TarWriter::Create(dest));
  RETURN_IF_ERROR(tar->AddDir("blobs"));
  RETURN_IF_ERROR(tar->AddDir("blobs/sha256"));
  BlobTar blobs(store, *tar);
  for (const NamedImage& n : images) {
    for (const oci::Digest& d : Blobs(n.image)) RETURN_IF_ERROR(blobs.Add(d));
  }
  RETURN_IF_ERROR(tar->AddBytes("manifest.json", manifest.dump() + "\n"));
  return tar->Finish();
}

}  // namespace mybuild::exporter
