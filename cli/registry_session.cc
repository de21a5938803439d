#include "cli/registry_session.h"

#include "base/fd.h"
#include "cache/blob_store.h"
#include "cache/blob_verify.h"
#include "oci/manifest.h"
#include "oci/platform_match.h"
#include "registry/credentials.h"
#include "registry/puller.h"
#include "registry/pusher.h"

namespace mybuild::cli {

Expected<std::unique_ptr<RegistrySession>> RegistrySession::Create(
    const cache::StorePaths& store) {
  RETURN_IF_ERROR(MakeDirs(store.BlobsDir()));
  ASSIGN_OR_RETURN(std::unique_ptr<registry::CurlTransport> curl,
                   registry::CurlTransport::Create({}));
  registry::CredentialStore creds = registry::CredentialStore::LoadDefault();
  return std::unique_ptr<RegistrySession>(
      new RegistrySession(std::move(curl), std::move(creds), store));
}

RegistrySession::RegistrySession(std::unique_ptr<registry::CurlTransport> curl,
                                 registry::CredentialStore credentials,
                                 cache::StorePaths store)
    : curl_(std::move(curl)), transport_(*curl_),
      registries_(transport_, std::move(credentials)), store_(std::move(store)) {
  resolver_ = std::make_unique<registry::RegistryImageResolver>(
      registries_, oci::DefaultPlatform(),
      [this](const oci::Digest& d) { return store_.Blob(d); });
}

Status RegistrySession::FetchBaseLayers(const planner::BuildGraph& graph) {
  for (int i : graph.order) {
    const planner::StagePlan& stage = graph.stages[i];
    if (stage.base_image.empty()) continue;
    ASSIGN_OR_RETURN(oci::ImageReference ref,
                     oci::ImageReference::Parse(stage.base_image));
    // Pull by the digest planned, so the layers match the config planned.
    ASSIGN_OR_RETURN(oci::ImageReference pinned,
                     oci::ImageReference::Parse(
                         ref.Name() + "@" + stage.base_manifest.str()));
    ASSIGN_OR_RETURN(registry::RegistryClient * client, registries_.For(ref.host()));
    ASSIGN_OR_RETURN(registry::PulledImage pulled,
                     registry::Pull(*client, pinned,
                                    oci::DefaultPlatform(),
                                    [this](const oci::Digest& d) {
                                      return store_.Blob(d);
                                    }));
    (void)pulled;
  }
  return Status::Ok();
}

Status RegistrySession::Push(const oci::ImageReference& ref,
                             const oci::Digest& manifest_digest) {
  ASSIGN_OR_RETURN(cache::BlobStore store, cache::BlobStore::Open(store_));
  Expected<std::string> bytes = store.Get(manifest_digest);
  if (!bytes.ok()) return bytes.status().WithPrefix("push " + ref.str());
  ASSIGN_OR_RETURN(oci::Manifest manifest, oci::Manifest::FromJson(*bytes));
  std::vector<registry::PushBlob> blobs;
  blobs.push_back({manifest.config, store_.Blob(manifest.config.digest), ""});
  for (const oci::Descriptor& layer : manifest.layers) {
    blobs.push_back({layer, store_.Blob(layer.digest), ""});
  }
  // Nothing damaged leaves the store: a blob that no longer verifies is
  // quarantined, and the build that made it makes it again.
  cache::BlobVerifier verifier(store_);
  for (const registry::PushBlob& b : blobs) {
    Status st = verifier.CheckForUse(b.descriptor.digest, b.descriptor.size);
    if (st.ok()) continue;
    if (st.code() != ErrorCode::kNotFound) {
      (void)verifier.Quarantine(b.descriptor.digest);
      st = IoError(st.message() + "; it is quarantined: build the image again");
    }
    return st.WithPrefix("push " + ref.str());
  }
  Expected<registry::RegistryClient*> client = registries_.For(ref.host());
  if (!client.ok()) return client.status().WithPrefix("push " + ref.str());
  ASSIGN_OR_RETURN(oci::Digest pushed,
                   registry::Push(**client, ref,
                                  manifest.media_type, *bytes, blobs));
  if (pushed != manifest_digest) {
    return Internal("push " + ref.str() + ": registry stored manifest " +
                    pushed.str() + ", expected " + manifest_digest.str());
  }
  return Status::Ok();
}

}  // namespace mybuild::cli
