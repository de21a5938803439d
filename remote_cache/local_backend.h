// type=local: a cache in an OCI image layout directory (DIR/oci-layout,
// DIR/index.json, DIR/blobs/sha256/<hex>), the manifest listed in the index
// under the ref.name annotation `tag` ("cache" by default).
#pragma once

#include <string>

#include "remote_cache/cache_backend.h"

namespace mybuild::remote_cache {

class LocalBackend : public CacheBackend {
 public:
  LocalBackend(std::string name, std::string dir, std::string tag)
      : name_(std::move(name)), dir_(std::move(dir)), tag_(std::move(tag)) {}

  const std::string& name() const override { return name_; }
  // kNotFound when DIR/index.json is absent or lists no `tag`; kIo when a
  // file cannot be read; kInvalidArgument when the index is malformed or
  // the manifest blob does not match its descriptor:
  //   manifest sha256:<a> does not verify: it hashes to sha256:<b>
  Expected<std::string> ReadManifest() override;
  // Copies DIR/blobs/sha256/<hex>; kNotFound when absent.
  Status FetchBlob(const oci::Descriptor& d, const std::string& path) override;
  // Adds the blobs (hardlinked when possible), the manifest, and rewrites
  // index.json atomically (the last writer's index wins).
  Status Write(const std::string& media_type, const std::string& manifest_json,
               const std::vector<BlobFile>& blobs) override;

 private:
  std::string name_, dir_, tag_;
};

}  // namespace mybuild::remote_cache
