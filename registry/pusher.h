// Pushing an image: every blob the registry lacks (two at a time, mounted
// from another repository of the same registry when one is known to hold
// it), then the manifest under the reference's tag.
#pragma once

#include <string>
#include <vector>

#include "oci/descriptor.h"
#include "oci/reference.h"
#include "registry/client.h"
#include "base/parallel.h"

namespace mybuild::registry {

struct PushBlob {
  oci::Descriptor descriptor;  // digest and size of the file's content
  std::string path;            // the blob's file
  // A repository on the same registry that holds this blob: tried as a
  // cross-repository mount before uploading. When "", the client's
  // RepositoryHolding (e.g. the base image's repository, if this client
  // pulled it) is tried.
  std::string mount_from;
};

// Uploads blobs to one repository as a caller hands them over, a few at a
// time, each as Push does (HEAD, mount, upload), so a layer can go up while
// the caller makes the next. Finish() waits for all and returns the first
// failure, as Push words it (`push <ref>: <reason>`).
class BlobPusher {
 public:
  // `progress`, when set, hears of each blob's upload (not of those the
  // registry has).
  BlobPusher(RegistryClient& client, const oci::ImageReference& ref,
             BlobProgressFn progress = nullptr);
  void Add(PushBlob blob);
  // True once an upload failed: the caller may stop making blobs.
  bool failed() { return queue_.failed(); }
  Status Finish();

 private:
  RegistryClient& client_;
  const oci::ImageReference ref_;
  BlobProgressFn progress_;
  WorkQueue queue_;
};

// Uploads the blobs (config and layers) the registry does not have, then
// PUTs `manifest` as `media_type` under ref's tag (or digest). Returns the
// manifest digest; `progress` as BlobPusher's. Fails with
// `push <ref>: <reason>`, e.g.
//   push 127.0.0.1:5000/app:1: denied: requested access to the resource is
//   denied push 127.0.0.1:5000/app:1: blob sha256:...: "/x" has 12 bytes,
//   expected 10
Expected<oci::Digest> Push(RegistryClient& client,
                           const oci::ImageReference& ref,
                           const std::string& media_type,
                           const std::string& manifest,
                           const std::vector<PushBlob>& blobs,
                           const BlobProgressFn& progress = nullptr);

}  // namespace mybuild::registry
