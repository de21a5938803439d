#include "cli/registry_session.h"

#include <unistd.h>

#include <cstdlib>

#include "base/fd.h"
#include "cache/blob_store.h"
#include "cache/blob_verify.h"
#include "cache/image_store.h"
#include "oci/manifest.h"
#include "oci/platform_match.h"
#include "registry/credentials.h"
#include "registry/puller.h"
#include "registry/pusher.h"
#include "registry/registries_conf.h"

namespace mybuild::cli {
namespace {

// The local store's tags first, then `next`.
class LocalFirstResolver : public planner::ImageConfigResolver {
 public:
  LocalFirstResolver(cache::StorePaths store, planner::ImageConfigResolver& next)
      : store_(std::move(store)), next_(next) {}

  Expected<planner::ResolvedImage> Resolve(const std::string& ref) override {
    Expected<oci::ImageReference> parsed = oci::ImageReference::Parse(ref);
    if (parsed.ok() && !parsed->digest()) {
      Expected<planner::ResolvedImage> local = Local(parsed->str());
      if (local.ok()) return local;
    }
    return next_.Resolve(ref);
  }

 private:
  // The image tagged `name` when the store holds it whole.
  Expected<planner::ResolvedImage> Local(const std::string& name) {
    ASSIGN_OR_RETURN(cache::ImageRecord rec, cache::ImageStore(store_).Lookup(name));
    ASSIGN_OR_RETURN(cache::BlobStore blobs, cache::BlobStore::Open(store_));
    ASSIGN_OR_RETURN(std::string text, blobs.Get(rec.manifest));
    ASSIGN_OR_RETURN(oci::Manifest m, oci::Manifest::FromJson(text));
    for (const oci::Descriptor& l : m.layers) {
      if (!blobs.Has(l.digest)) return NotFound("layer " + l.digest.str() + " missing");
    }
    ASSIGN_OR_RETURN(std::string config_text, blobs.Get(m.config.digest));
    ASSIGN_OR_RETURN(oci::ImageConfig config, oci::ImageConfig::FromJson(config_text));
    return planner::ResolvedImage{name, rec.manifest, std::move(config)};
  }

  cache::StorePaths store_;
  planner::ImageConfigResolver& next_;
};

// Whether the store holds the image with manifest `digest` whole.
bool HaveImage(const cache::StorePaths& store, const oci::Digest& digest) {
  Expected<std::string> text = ReadFile(store.Blob(digest));
  Expected<oci::Manifest> m = text.ok() ? oci::Manifest::FromJson(*text)
                                        : Expected<oci::Manifest>(text.status());
  if (!m.ok()) return false;
  auto has = [&](const oci::Digest& d) { return ::access(store.Blob(d).c_str(), F_OK) == 0; };
  if (!has(m->config.digest)) return false;
  for (const oci::Descriptor& l : m->layers) {
    if (!has(l.digest)) return false;
  }
  return true;
}

}  // namespace

namespace {

registry::RetryPolicy Policy(const RegistryFlags& f) {
  registry::RetryPolicy p;
  p.max_attempts = f.retries + 1;
  p.initial_backoff = std::chrono::milliseconds(f.retry_delay_ms);
  return p;
}

// $MYBUILD_CERTS_D: colon-separated certs.d roots replacing the defaults.
std::vector<std::string> CertRoots(const std::string& list) {
  std::vector<std::string> roots;
  for (size_t start = 0; start <= list.size();) {
    size_t colon = std::min(list.find(':', start), list.size());
    if (colon > start) roots.push_back(list.substr(start, colon - start));
    start = colon + 1;
  }
  return roots;
}

registry::ClientOptions Options(const RegistryFlags& f) {
  registry::ClientOptions o;
  o.insecure_registries = f.insecure;
  return o;
}

}  // namespace

Expected<std::unique_ptr<RegistrySession>> RegistrySession::Create(
    const cache::StorePaths& store, const RegistryFlags& flags) {
  RETURN_IF_ERROR(MakeDirs(store.BlobsDir()));
  RegistryFlags f = flags;
  const char* conf_env = std::getenv("CONTAINERS_REGISTRIES_CONF");
  ASSIGN_OR_RETURN(std::vector<std::string> from_conf,
                   registry::ReadInsecureRegistries(registry::RegistriesConfPath(
                       {{"CONTAINERS_REGISTRIES_CONF", conf_env ? conf_env : ""}})));
  f.insecure.insert(f.insecure.end(), from_conf.begin(), from_conf.end());
  registry::CurlTransportOptions t;
  t.insecure_hosts = f.insecure;
  t.cert_dir = f.cert_dir;
  t.tls_verify = f.tls_verify;
  if (const char* roots = std::getenv("MYBUILD_CERTS_D"); roots && *roots) {
    t.cert_roots = CertRoots(roots);
  }
  t.connect_timeout_seconds = flags.connect_timeout_s;
  t.stall_timeout_seconds = flags.stall_timeout_s;
  ASSIGN_OR_RETURN(std::unique_ptr<registry::CurlTransport> curl,
                   registry::CurlTransport::Create(t));
  registry::CredentialStore creds = registry::CredentialStore::LoadDefault(flags.authfile);
  return std::unique_ptr<RegistrySession>(
      new RegistrySession(std::move(curl), std::move(creds), store, f));
}

RegistrySession::RegistrySession(std::unique_ptr<registry::CurlTransport> curl,
                                 registry::CredentialStore credentials,
                                 cache::StorePaths store, const RegistryFlags& flags)
    : curl_(std::move(curl)), transport_(*curl_, Policy(flags)), options_(Options(flags)),
      registries_(transport_, std::move(credentials), options_), store_(std::move(store)) {
  resolver_ = std::make_unique<registry::RegistryImageResolver>(
      registries_, oci::DefaultPlatform(),
      [this](const oci::Digest& d) { return store_.Blob(d); });
  local_first_ = std::make_unique<LocalFirstResolver>(store_, *resolver_);
}

Status RegistrySession::CheckLogin(const std::string& host,
                                   const registry::Credentials& login) {
  registry::RegistryClient client(transport_, host, login, options_);
  return client.Ping().WithPrefix("login " + host);
}

Status RegistrySession::FetchBaseLayers(const planner::BuildGraph& graph) {
  for (int i : graph.order) {
    const planner::StagePlan& stage = graph.stages[i];
    if (stage.base_image.empty() || HaveImage(store_, stage.base_manifest)) continue;
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
