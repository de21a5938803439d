// type=registry: a cache as one image manifest under a tag of a registry
// repository, read and written through the registry client (so blobs the
// repository holds are not uploaded again, and are mounted from another
// repository of the registry when one is known to hold them).
#pragma once

#include <string>

#include "oci/reference.h"
#include "registry/client.h"
#include "remote_cache/cache_backend.h"

namespace mybuild::remote_cache {

class RegistryBackend : public CacheBackend {
 public:
  // `client` is the client for ref.host(); it must outlive the backend.
  RegistryBackend(std::string name, registry::RegistryClient& client,
                  oci::ImageReference ref)
      : name_(std::move(name)), client_(client), ref_(std::move(ref)) {}

  const std::string& name() const override { return name_; }
  // The manifest under the ref's tag, verified by the client; kNotFound
  // when the registry has none ("manifest unknown: ...").
  Expected<std::string> ReadManifest() override;
  // Streams the blob from the repository, verified against digest and size.
  Status FetchBlob(const oci::Descriptor& d, const std::string& path) override;
  bool VerifiesFetch() const override { return true; }
  bool FetchesInBackground() const override { return true; }
  // Uploads the blobs the repository lacks, then PUTs the manifest under
  // the tag: the registry swaps the tag only once the manifest is whole.
  Status Write(const std::string& media_type, const std::string& manifest_json,
               const std::vector<BlobFile>& blobs) override;
  void ReportBytes(registry::BlobProgressFn progress) override { progress_ = std::move(progress); }

 private:
  std::string name_;
  registry::RegistryClient& client_;
  oci::ImageReference ref_;
  registry::BlobProgressFn progress_;
};

}  // namespace mybuild::remote_cache
