#include "cli/local_images.h"

#include <unistd.h>

#include "base/fd.h"
#include "cache/blob_store.h"
#include "cache/image_store.h"
#include "oci/manifest.h"
#include "oci/platform_match.h"
#include "registry/pull_sources.h"
#include "cache/lazy_layers.h"

namespace mybuild::cli {
namespace {

bool Present(const cache::StorePaths& store, const oci::Digest& d) {
  return ::access(store.Blob(d).c_str(), F_OK) == 0 || cache::FindLazyLayer(store, d).has_value();
}

// The platform manifest `digest` names: itself, or its entry for
// `platform` when it is an index.
Expected<oci::Digest> PlatformManifest(const cache::BlobStore& blobs,
                                       const oci::Digest& digest,
                                       const oci::Platform& platform) {
  ASSIGN_OR_RETURN(std::string text, blobs.Get(digest));
  if (oci::Manifest::FromJson(text).ok()) return digest;
  ASSIGN_OR_RETURN(oci::ImageIndex index, oci::ImageIndex::FromJson(text));
  ASSIGN_OR_RETURN(oci::Descriptor entry, oci::SelectManifest(index, platform));
  return entry.digest;
}

}  // namespace

bool HaveImage(const cache::StorePaths& store, const oci::Digest& digest) {
  Expected<std::string> text = ReadFile(store.Blob(digest));
  Expected<oci::Manifest> m = text.ok() ? oci::Manifest::FromJson(*text)
                                        : Expected<oci::Manifest>(text.status());
  if (!m.ok() || !Present(store, m->config.digest)) return false;
  for (const oci::Descriptor& l : m->layers) {
    if (!Present(store, l.digest)) return false;
  }
  return true;
}

Expected<planner::ResolvedImage> LocalImage(const cache::StorePaths& store,
                                            const oci::ImageReference& ref,
                                            const oci::Platform& platform) {
  ASSIGN_OR_RETURN(cache::BlobStore blobs, cache::BlobStore::Open(store));
  oci::Digest manifest;
  if (ref.digest()) {
    ASSIGN_OR_RETURN(manifest, PlatformManifest(blobs, *ref.digest(), platform));
  } else {
    ASSIGN_OR_RETURN(cache::ImageRecord rec, cache::ImageStore(store).Lookup(ref.str()));
    ASSIGN_OR_RETURN(manifest, PlatformManifest(blobs, rec.manifest, platform));
  }
  if (!HaveImage(store, manifest)) {
    return NotFound(ref.str() + " is not whole in the local store");
  }
  ASSIGN_OR_RETURN(std::string text, blobs.Get(manifest));
  ASSIGN_OR_RETURN(oci::Manifest m, oci::Manifest::FromJson(text));
  ASSIGN_OR_RETURN(std::string config_text, blobs.Get(m.config.digest));
  ASSIGN_OR_RETURN(oci::ImageConfig config, oci::ImageConfig::FromJson(config_text));
  // A name tagged by a build of another platform (its base, pulled for
  // linux/amd64) is not this platform's image: its registry is asked.
  oci::Platform has{config.os, config.architecture, config.variant, "", {}};
  if (!config.architecture.empty() && !oci::PlatformRuns(platform, has)) {
    return NotFound(ref.str() + " in the local store is for " + has.str() + ", not " +
                    platform.str());
  }
  return planner::ResolvedImage{ref.str(), manifest, std::move(config)};
}

PolicyResolver::PolicyResolver(cache::StorePaths store,
                               planner::ImageConfigResolver& registry,
                               PullPolicy policy, oci::Platform platform,
                               registry::RegistriesConf conf)
    : store_(std::move(store)),
      registry_(registry),
      policy_(policy),
      platform_(std::move(platform)),
      conf_(std::move(conf)) {}

Expected<planner::ResolvedImage> PolicyResolver::Resolve(const std::string& text) {
  ASSIGN_OR_RETURN(std::vector<oci::ImageReference> names,
                   registry::NameCandidates(conf_, text));
  if (policy_ != PullPolicy::kAlways) {
    for (const oci::ImageReference& ref : names) {
      Expected<planner::ResolvedImage> local = LocalImage(store_, ref, platform_);
      if (local.ok()) return local;
    }
    if (policy_ == PullPolicy::kNever) {
      return NotFound("pull " + (names.size() == 1 ? names[0].Familiar() : text) +
                      ": not in the local store, and --pull=never forbids asking its registry");
    }
  }
  return registry_.Resolve(text);
}

}  // namespace mybuild::cli
