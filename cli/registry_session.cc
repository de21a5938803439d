#include "cli/registry_session.h"

#include <ctime>
#include <filesystem>
#include <map>
#include <mutex>
#include <optional>
#include <set>

#include <unistd.h>

#include <cstdlib>

#include "base/fd.h"
#include "cache/blob_store.h"
#include "cache/blob_verify.h"
#include "cache/image_store.h"
#include "cli/local_images.h"
#include "cli/source_date_epoch.h"
#include "oci/manifest.h"
#include "oci/platform_match.h"
#include "registry/credentials.h"
#include "registry/pull_sources.h"
#include "registry/puller.h"
#include "registry/pusher.h"
#include "registry/registries_conf.h"
#include "cache/lazy_layers.h"

namespace mybuild::cli {
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

// A resolver whose every answer from a registry is a step on `*progress`,
// one per image: a name asked again (a base that is also COPY --from'd, two
// stages FROM it, `busybox` and `docker.io/library/busybox:latest`) has the
// answer it had, as BuildKit shows one step per distinct name (the session
// has one platform).
class ShownResolver : public planner::ImageConfigResolver {
 public:
  ShownResolver(planner::ImageConfigResolver& inner, executor::Progress* const& progress)
      : inner_(inner), progress_(progress) {}
  Expected<planner::ResolvedImage> Resolve(const std::string& ref) override {
    Expected<oci::ImageReference> parsed = oci::ImageReference::Parse(ref);
    std::string name = parsed.ok() ? parsed->str() : ref;
    std::lock_guard lock(mu_);
    if (auto it = answered_.find(name); it != answered_.end()) return it->second;
    executor::TransferStep step(progress_, "[internal] load metadata for " + name);
    Expected<planner::ResolvedImage> image = inner_.Resolve(ref);
    step.Finish(image.status());
    if (image.ok()) answered_.emplace(name, *image);
    return image;
  }

 private:
  planner::ImageConfigResolver& inner_;
  executor::Progress* const& progress_;
  std::mutex mu_;
  std::map<std::string, planner::ResolvedImage> answered_;
};

registry::ClientOptions Options(const RegistryFlags& f) {
  registry::ClientOptions o;
  o.insecure_registries = f.insecure;
  return o;
}

}  // namespace

Expected<std::unique_ptr<RegistrySession>> RegistrySession::Create(
    const cache::StorePaths& store, const RegistryFlags& flags, PullPolicy pull,
    oci::Platform platform) {
  // Nothing is made under ROOT here: login and logout use no store, and
  // blob writers make their directories.
  RegistryFlags f = flags;
  const char* conf_env = std::getenv("CONTAINERS_REGISTRIES_CONF");
  ASSIGN_OR_RETURN(registry::RegistriesConf conf,
                   registry::ReadRegistriesConf(registry::RegistriesConfPath(
                       {{"CONTAINERS_REGISTRIES_CONF", conf_env ? conf_env : ""}})));
  std::vector<std::string> from_conf = registry::InsecureHosts(conf);
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
      new RegistrySession(std::move(curl), std::move(creds), std::move(conf), store, f, pull, platform));
}

RegistrySession::RegistrySession(std::unique_ptr<registry::CurlTransport> curl,
                                 registry::CredentialStore credentials,
                                 registry::RegistriesConf conf, cache::StorePaths store,
                                 const RegistryFlags& flags, PullPolicy pull,
                                 const oci::Platform& platform)
    : curl_(std::move(curl)), transport_(*curl_, Policy(flags)), options_(Options(flags)),
      registries_(transport_, std::move(credentials), options_), conf_(std::move(conf)),
      store_(std::move(store)), platform_(platform), pull_(pull) {
  resolver_ = std::make_unique<registry::RegistryImageResolver>(
      registries_, platform,
      [this](const oci::Digest& d) { return store_.Blob(d); }, conf_);
  shown_ = std::make_unique<ShownResolver>(*resolver_, progress_);
  local_first_ = std::make_unique<PolicyResolver>(store_, *shown_, pull,
                                                  platform, conf_);
}

planner::ImageConfigResolver& RegistrySession::resolver(const oci::Platform& platform) {
  if (platform == platform_) return *local_first_;
  Resolvers& r = others_[platform.str()];
  if (!r.local_first) {
    r.registry = std::make_unique<registry::RegistryImageResolver>(
        registries_, platform, [this](const oci::Digest& d) { return store_.Blob(d); }, conf_);
    r.shown = std::make_unique<ShownResolver>(*r.registry, progress_);
    r.local_first = std::make_unique<PolicyResolver>(store_, *r.shown, pull_, platform, conf_);
  }
  return *r.local_first;
}

Status RegistrySession::CheckLogin(const std::string& host,
                                   const registry::Credentials& login) {
  registry::RegistryClient client(transport_, host, login, options_);
  return client.Ping().WithPrefix("login " + host);
}

std::function<Status()> RegistrySession::BaseLayersFetch(const planner::BuildGraph& graph,
                                                         executor::Progress* progress) {
  // Per stage in graph.order: its base's reference, and the step of its
  // fetch when the store lacks the image.
  struct Base {
    oci::ImageReference ref;
    oci::Digest manifest;
    std::shared_ptr<executor::TransferStep> step;
  };
  std::vector<Base> bases;
  std::set<std::string> fetching;  // manifests with a step: one per image
  Status bad;
  for (int i : graph.order) {
    const planner::StagePlan& stage = graph.stages[i];
    if (stage.base_image.empty()) continue;
    Expected<oci::ImageReference> ref = oci::ImageReference::Parse(stage.base_image);
    if (!ref.ok()) {
      bad = ref.status();
      break;
    }
    Base b{*ref, stage.base_manifest, nullptr};
    // An image that is two stages' base, or a base and a COPY --from, is
    // fetched (and shown) once, by the first stage; the rest only tag it.
    if (!HaveImage(store_, b.manifest) && fetching.insert(b.manifest.str()).second) {
      std::string pinned = ref->Name() + "@" + b.manifest.str();
      b.step = std::make_shared<executor::TransferStep>(progress, "FROM " + pinned);
    }
    bases.push_back(std::move(b));
  }
  return [this, bases = std::move(bases), bad]() -> Status {
    RETURN_IF_ERROR(bad);
    for (const Base& b : bases) {
      if (b.step) RETURN_IF_ERROR(FetchImage(b.ref, b.manifest, *b.step));
      // A base asked of its registry keeps its name in the store, as podman
      // keeps it: the next build (--pull=missing) needs no registry for it.
      if (b.ref.digest()) continue;
      RETURN_IF_ERROR(cache::ImageStore(store_).Tag(b.ref.str(), b.manifest,
                                                    Rfc3339(std::time(nullptr))));
    }
    return Status::Ok();
  };
}

Status RegistrySession::FetchBaseManifests(const planner::BuildGraph& graph) {
  for (int i : graph.order) {
    const planner::StagePlan& stage = graph.stages[i];
    if (stage.base_image.empty()) continue;
    std::string path = store_.Blob(stage.base_manifest);
    if (::access(path.c_str(), F_OK) == 0) continue;
    ASSIGN_OR_RETURN(oci::ImageReference ref, oci::ImageReference::Parse(stage.base_image));
    ASSIGN_OR_RETURN(oci::ImageReference pinned,
                     oci::ImageReference::Parse(ref.Name() + "@" + stage.base_manifest.str()));
    RETURN_IF_ERROR(registry::TrySources(conf_, pinned, [&](const oci::ImageReference& source) {
      ASSIGN_OR_RETURN(registry::RegistryClient * client, registries_.For(source.host()));
      ASSIGN_OR_RETURN(registry::ResolvedManifest m,
                       registry::ResolveManifest(*client, source, oci::DefaultPlatform()));
      if (m.manifest.digest != stage.base_manifest) {
        return InvalidArgument("pull " + source.str() + ": manifest is " +
                               m.manifest.digest.str());
      }
      RETURN_IF_ERROR(MakeDirs(std::filesystem::path(path).parent_path().string()));
      return WriteFileAtomic(path, m.manifest.bytes);
    }));
  }
  return Status::Ok();
}

Status RegistrySession::FetchImage(const oci::ImageReference& ref,
                                   const oci::Digest& manifest,
                                   executor::TransferStep& step) {
  // By the digest planned, so the layers match the config planned; from a
  // mirror when registries.conf names one that has it.
  Expected<oci::ImageReference> parsed =
      oci::ImageReference::Parse(ref.Name() + "@" + manifest.str());
  if (!parsed.ok()) {
    step.Finish(parsed.status());
    return parsed.status();
  }
  const oci::ImageReference& pinned = *parsed;
  Status st = registry::TrySources(conf_, pinned, [&](const oci::ImageReference& source) {
    ASSIGN_OR_RETURN(registry::RegistryClient * client, registries_.For(source.host()));
    return registry::Pull(*client, source, oci::DefaultPlatform(),
                          [this](const oci::Digest& d) { return store_.Blob(d); },
                          BlobsOf(&step))
        .status();
  });
  step.Finish(st);
  return st;
}

Expected<oci::Digest> RegistrySession::Pull(const std::string& text,
                                            const oci::Platform& platform,
                                            std::string* name,
                                            executor::TransferStep* step) {
  ASSIGN_OR_RETURN(std::vector<oci::ImageReference> names,
                   registry::NameCandidates(conf_, text));
  return PullFirst(names, platform, name, BlobsOf(step));
}

Expected<oci::Digest> RegistrySession::PullFirst(const std::vector<oci::ImageReference>& names,
                                                 const oci::Platform& platform,
                                                 std::string* name,
                                                 const registry::BlobProgressFn& progress) {
  Status last;
  for (const oci::ImageReference& ref : names) {
    std::optional<registry::PulledImage> pulled;
    last = registry::TrySources(conf_, ref, [&](const oci::ImageReference& source) {
      ASSIGN_OR_RETURN(registry::RegistryClient * client, registries_.For(source.host()));
      ASSIGN_OR_RETURN(pulled, registry::Pull(
                                   *client, source, platform,
                                   [this](const oci::Digest& d) { return store_.Blob(d); },
                                   progress));
      return Status::Ok();
    });
    if (!last.ok()) continue;
    const registry::ResolvedManifest& r = pulled->resolved;
    if (!ref.digest()) {
      RETURN_IF_ERROR(cache::ImageStore(store_).Tag(ref.str(), r.manifest.digest,
                                                    Rfc3339(std::time(nullptr))));
    }
    *name = ref.str();
    return r.index ? r.index->digest : r.manifest.digest;
  }
  return last;
}

Status RegistrySession::Push(const oci::ImageReference& ref,
                             const oci::Digest& manifest_digest,
                             const registry::BlobProgressFn& progress) {
  ASSIGN_OR_RETURN(cache::BlobStore store, cache::BlobStore::Open(store_));
  Expected<std::string> bytes = store.Get(manifest_digest);
  if (!bytes.ok()) return bytes.status().WithPrefix("push " + ref.str());
  ASSIGN_OR_RETURN(oci::Manifest manifest, oci::Manifest::FromJson(*bytes));
  std::vector<registry::PushBlob> blobs;
  blobs.push_back({manifest.config, store_.Blob(manifest.config.digest), ""});
  for (const oci::Descriptor& layer : manifest.layers) {
    Status made = cache::MaterializeLayer(store_, layer.digest);
    if (!made.ok()) return made.WithPrefix("push " + ref.str());
    blobs.push_back({layer, store_.Blob(layer.digest), ""});
  }
  for (const registry::PushBlob& b : blobs) {
    RETURN_IF_ERROR(CheckBlobForPush(store_, ref, b.descriptor));
  }
  Expected<registry::RegistryClient*> client = registries_.For(ref.host());
  if (!client.ok()) return client.status().WithPrefix("push " + ref.str());
  ASSIGN_OR_RETURN(oci::Digest pushed,
                   registry::Push(**client, ref,
                                  manifest.media_type, *bytes, blobs, progress));
  if (pushed != manifest_digest) {
    return Internal("push " + ref.str() + ": registry stored manifest " +
                    pushed.str() + ", expected " + manifest_digest.str());
  }
  return Status::Ok();
}

Status RegistrySession::PushIndex(const oci::ImageReference& ref, const oci::Digest& index_digest,
                                  const registry::BlobProgressFn& progress) {
  ASSIGN_OR_RETURN(cache::BlobStore store, cache::BlobStore::Open(store_));
  Expected<std::string> bytes = store.Get(index_digest);
  if (!bytes.ok()) return bytes.status().WithPrefix("push " + ref.str());
  ASSIGN_OR_RETURN(oci::ImageIndex index, oci::ImageIndex::FromJson(*bytes));
  for (const oci::Descriptor& m : index.manifests) {
    ASSIGN_OR_RETURN(oci::ImageReference pinned,
                     oci::ImageReference::Parse(ref.Name() + "@" + m.digest.str()));
    RETURN_IF_ERROR(Push(pinned, m.digest, progress));
  }
  Expected<registry::RegistryClient*> client = registries_.For(ref.host());
  if (!client.ok()) return client.status().WithPrefix("push " + ref.str());
  ASSIGN_OR_RETURN(oci::Digest pushed,
                   registry::Push(**client, ref, index.media_type, *bytes, {}, progress));
  if (pushed != index_digest) {
    return Internal("push " + ref.str() + ": registry stored index " + pushed.str() +
                    ", expected " + index_digest.str());
  }
  return Status::Ok();
}

registry::BlobProgressFn BlobsOf(executor::TransferStep* step) {
  if (!step || step->label().id == 0) return nullptr;
  return [step](const registry::BlobProgress& p) {
    step->Bytes(p.digest.str(), p.current, p.total, p.done);
  };
}

Status CheckBlobForPush(const cache::StorePaths& store, const oci::ImageReference& ref,
                        const oci::Descriptor& d) {
  cache::BlobVerifier verifier(store);
  Status st = verifier.CheckForUse(d.digest, d.size);
  if (st.ok()) return st;
  if (st.code() != ErrorCode::kNotFound) {
    (void)verifier.Quarantine(d.digest);
    st = IoError(st.message() + "; it is quarantined: build the image again");
  }
  return st.WithPrefix("push " + ref.str());
}

}  // namespace mybuild::cli
