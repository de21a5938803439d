// Writing OCI image layout directories (image-spec image-layout.md):
//   DIR/oci-layout, DIR/index.json, DIR/blobs/sha256/<hex>
// readable by skopeo ("oci:DIR:tag"), umoci and `docker buildx imagetools`.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "base/status.h"
#include "oci/descriptor.h"
#include "oci/manifest.h"

namespace mybuild::oci {

// The annotation that names an image inside a layout.
inline constexpr char kRefNameAnnotation[] = "org.opencontainers.image.ref.name";

class ImageLayout {
 public:
  // Opens the layout at `dir`, creating the directory, "oci-layout" and an
  // empty index when missing. An existing index.json is read so that
  // images already there are kept. Fails on I/O errors or an index.json /
  // oci-layout that is not a layout's.
  static Expected<ImageLayout> Open(const std::string& dir);

  // Puts the file at `path` into blobs/ as `digest`: hardlinked when the
  // file system allows (blobs are immutable), else copied through a temp
  // file, checked against `digest` and renamed into place. A blob already
  // present is left alone. A copy that does not hash to `digest` fails with
  // kInvalidArgument and leaves nothing behind.
  Status AddBlobFile(const Digest& digest, const std::string& path);
  // Puts `bytes` into blobs/ and returns their digest.
  Expected<Digest> AddBlob(std::string_view bytes);

  // Stores `manifest_json` as a blob and lists it in the index under `tag`
  // (the ref.name annotation), replacing an entry with the same tag. The
  // caller adds the config and layer blobs. Returns the manifest's
  // descriptor as listed.
  Expected<Descriptor> AddManifest(std::string_view manifest_json,
                                   std::string_view media_type,
                                   const std::string& tag,
                                   const std::optional<Platform>& platform);

  // Lists `d` (a manifest or index already in blobs/) in the index,
  // replacing an entry with the same ref.name annotation, if it has one.
  void AddIndexEntry(const Descriptor& d);

  // The manifest descriptor listed under `tag`; kNotFound otherwise.
  Expected<Descriptor> Find(const std::string& tag) const;

  // Writes index.json atomically. Call after adding everything.
  Status Commit();

  const ImageIndex& index() const { return index_; }

 private:
  explicit ImageLayout(std::string dir) : dir_(std::move(dir)) {}
  std::string BlobPath(const Digest& d) const;
  std::string dir_;
  ImageIndex index_;
};

// Where a blob's bytes are, e.g. a blob store's file for a digest.
using BlobLocator = std::function<Expected<std::string>(const Digest&)>;

// Writes the image whose manifest is `manifest_json` (OCI or Docker
// schema2) into the layout at `dir` (created or added to) under `tag`: its
// config and layers are taken from `locate`, and the index entry gets the
// platform named in the config. Fails with the first error of parsing,
// locating or copying. Returns the manifest's descriptor.
Expected<Descriptor> WriteImageLayout(const std::string& dir,
                                      std::string_view manifest_json,
                                      const BlobLocator& locate,
                                      const std::string& tag);

}  // namespace mybuild::oci
