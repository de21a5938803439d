#include "remote_cache/registry_backend.h"

#include "oci/media_types.h"
#include "registry/pusher.h"

namespace mybuild::remote_cache {

Expected<std::string> RegistryBackend::ReadManifest() {
  ASSIGN_OR_RETURN(registry::FetchedManifest m,
                   client_.GetManifest(ref_.path(), ref_.ManifestReference()));
  if (m.media_type != oci::media::kOciManifest && m.media_type != oci::media::kOciIndex) {
    return InvalidArgument(ref_.str() + " is a " + m.media_type +
                           ", not a cache manifest or index");
  }
  return m.bytes;
}

Status RegistryBackend::FetchBlob(const oci::Descriptor& d,
                                  const std::string& path) {
  return client_.FetchBlob(ref_.path(), d.digest, d.size, path, progress_);
}

Status RegistryBackend::Write(const std::string& media_type,
                             const std::string& manifest_json,
                             const std::vector<BlobFile>& blobs) {
  std::vector<registry::PushBlob> push;
  for (const BlobFile& b : blobs) push.push_back({b.descriptor, b.path, ""});
  return registry::Push(client_, ref_, media_type, manifest_json, push, progress_)
      .status();
}

}  // namespace mybuild::remote_cache
