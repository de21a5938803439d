#include "cli/registry_session.h"

#include "base/fd.h"
#include "oci/manifest.h"
#include "oci/platform_match.h"
#include "registry/credentials.h"
#include "registry/puller.h"
#include "registry/pusher.h"

namespace mybuild::cli {

Expected<std::unique_ptr<RegistrySession>> RegistrySession::Create(
    const cache::StorePaths& store) {
  ASSIGN_OR_RETURN(std::unique_ptr<registry::CurlTransport> curl,
                   registry::CurlTransport::Create({}));
  ASSIGN_OR_RETURN(registry::CredentialStore creds,
                   registry::CredentialStore::LoadDefault());
  return std::unique_ptr<RegistrySession>(
      new RegistrySession(std::move(curl), std::move(creds), store));
}

RegistrySession::RegistrySession(std::unique_ptr<registry::CurlTransport> curl,
                                 registry::CredentialStore credentials,
                                 cache::StorePaths store)
    : curl_(std::move(curl)), transport_(*curl_),
      credentials_(std::move(credentials)), store_(std::move(store)) {}

registry::RegistryClient& RegistrySession::ClientFor(const std::string& host) {
  auto& client = clients_[host];
  if (!client) {
    client = std::make_unique<registry::RegistryClient>(
        transport_, host, credentials_.Lookup(host));
  }
  return *client;
}

Expected<planner::ResolvedImage> RegistrySession::Resolve(
    const std::string& text) {
  ASSIGN_OR_RETURN(oci::ImageReference ref, oci::ImageReference::Parse(text));
  RETURN_IF_ERROR(MakeDirs(store_.BlobsDir()));
  ASSIGN_OR_RETURN(
      registry::PulledImage pulled,
      registry::Pull(ClientFor(ref.host()), ref, oci::DefaultPlatform(),
                     [this](const oci::Digest& d) { return store_.Blob(d); }));
  ASSIGN_OR_RETURN(oci::ImageConfig config,
                   oci::ImageConfig::FromJson(pulled.config));
  return planner::ResolvedImage{ref.str(), pulled.resolved.manifest.digest,
                                std::move(config)};
}

Status RegistrySession::Push(const oci::ImageReference& ref,
                             const oci::Digest& manifest_digest) {
  ASSIGN_OR_RETURN(std::string bytes, ReadFile(store_.Blob(manifest_digest)));
  ASSIGN_OR_RETURN(oci::Manifest manifest, oci::Manifest::FromJson(bytes));
  std::vector<registry::PushBlob> blobs;
  blobs.push_back({manifest.config, store_.Blob(manifest.config.digest), ""});
  for (const oci::Descriptor& layer : manifest.layers) {
    blobs.push_back({layer, store_.Blob(layer.digest), ""});
  }
  ASSIGN_OR_RETURN(oci::Digest pushed,
                   registry::Push(ClientFor(ref.host()), ref,
                                  manifest.media_type, bytes, blobs));
  if (pushed != manifest_digest) {
    return Internal("push " + ref.str() + ": registry stored manifest " +
                    pushed.str() + ", expected " + manifest_digest.str());
  }
  return Status::Ok();
}

}  // namespace mybuild::cli
