// The registry side of one mybuild invocation: one HTTP transport (with
// retries), the user's credentials, a client per registry host, the
// planner's image resolver, and the pulls and pushes of the build.
#pragma once

#include "oci/platform_match.h"

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "base/status.h"
#include "cache/store_paths.h"
#include "cli/registry_flags.h"
#include "executor/progress.h"
#include "executor/transfer_step.h"
#include "oci/descriptor.h"
#include "oci/reference.h"
#include "planner/build_graph.h"
#include "registry/client.h"
#include "registry/curl_transport.h"
#include "registry/image_resolver.h"
#include "registry/registries.h"
#include "registry/registries_conf.h"
#include "registry/retry.h"

namespace mybuild::cli {

class RegistrySession {
 public:
  // Reads the credential files (a broken one is reported only to a
  // registry that needs credentials from it) and sets up the transport as
  // `flags` say. Fails when a TLS or registries.conf setting is unusable.
  static Expected<std::unique_ptr<RegistrySession>> Create(
      const cache::StorePaths& store, const RegistryFlags& flags = {},
      PullPolicy pull = PullPolicy::kMissing, oci::Platform platform = oci::DefaultPlatform());

  // Checks `login` against `host`'s /v2/ with the auth flow (login).
  Status CheckLogin(const std::string& host,
                    const registry::Credentials& login);

  // Resolves FROM images for the planner (manifest and config only) as
  // `pull` says: a name tagged in the local store (by a build, `tag`,
  // `load`, `pull` or an earlier build's pull of its base) or a digest whose
  // image is there is that image, as with podman; any other name is asked of
  // its registry (local_images.h).
  planner::ImageConfigResolver& resolver() { return *local_first_; }
  // The same for images of `platform` (FROM --platform, several
  // --platform): made on first use, kept for the session.
  planner::ImageConfigResolver& resolver(const oci::Platform& platform);
  // Where the resolver shows each image it asks a registry about, as a
  // step "[internal] load metadata for NAME" (BuildKit's); none when null.
  void SetProgress(executor::Progress* progress) { progress_ = progress; }

  // Fetches into the store the layers of every base image the graph's
  // stages to run start from, and of every image COPY --from or RUN --mount
  // from= reads (implicit stages) (blobs already there are not fetched
  // again), and tags each one named by a tag under that name in the store.
  Status FetchBaseLayers(const planner::BuildGraph& graph) { return BaseLayersFetch(graph, nullptr)(); }
  // FetchBaseLayers to run later (on another thread); each image it will
  // fetch is a step on `progress` started now (so numbered before the
  // Dockerfile's steps), "FROM <name>@<digest>", its blobs' bytes under it.
  std::function<Status()> BaseLayersFetch(const planner::BuildGraph& graph,
                                          executor::Progress* progress);
  // Just the manifests of those base images (small; the executor reads
  // them first), so FetchBaseLayers can run alongside the build.
  Status FetchBaseManifests(const planner::BuildGraph& graph);

  // One client per registry host, for the build cache's registry backend.
  registry::Registries& registries() { return registries_; }

  // Pulls the image `ref` names for `platform` into the store (`mybuild
  // pull`), trying each name a short name may mean and each mirror, and,
  // when `ref` has a tag, tags it there under the full name, which goes to
  // `name`. Returns the digest the registry answered (an index's when the
  // name is one). Fails as registry::Pull, with the last name's failure.
  // Each blob fetched is an item of `step` (when given: the caller's
  // "pulling <ref>", which it finishes after its own phases).
  Expected<oci::Digest> Pull(const std::string& ref, const oci::Platform& platform,
                             std::string* name, executor::TransferStep* step = nullptr);

  // Pushes the image whose manifest blob is `manifest` to `ref`;
  // `progress` hears of the blobs uploaded (registry::Push).
  Status Push(const oci::ImageReference& ref, const oci::Digest& manifest,
              const registry::BlobProgressFn& progress = nullptr);
  // Pushes the image index (or manifest list) whose blob is `index`: each
  // image it lists by digest, as Push does, then the index under `ref`.
  Status PushIndex(const oci::ImageReference& ref, const oci::Digest& index,
                   const registry::BlobProgressFn& progress = nullptr);

 private:
  RegistrySession(std::unique_ptr<registry::CurlTransport> curl,
                  registry::CredentialStore credentials, registry::RegistriesConf conf,
                  cache::StorePaths store, const RegistryFlags& flags, PullPolicy pull,
                  const oci::Platform& platform);
  // Pull's work: the first of `names` that pulls.
  Expected<oci::Digest> PullFirst(const std::vector<oci::ImageReference>& names,
                                  const oci::Platform& platform, std::string* name,
                                  const registry::BlobProgressFn& progress);
  // Pulls the layers of `ref`'s image whose manifest is `manifest`.
  Status FetchImage(const oci::ImageReference& ref, const oci::Digest& manifest,
                    executor::TransferStep& step);

  std::unique_ptr<registry::CurlTransport> curl_;
  registry::RetryingTransport transport_;
  registry::ClientOptions options_;
  registry::Registries registries_;
  registry::RegistriesConf conf_;
  cache::StorePaths store_;
  std::unique_ptr<registry::RegistryImageResolver> resolver_;
  executor::Progress* progress_ = nullptr;
  std::unique_ptr<planner::ImageConfigResolver> shown_;  // resolver_ as steps
  std::unique_ptr<planner::ImageConfigResolver> local_first_;
  // The resolvers of the other platforms, by platform ("linux/arm64").
  struct Resolvers {
    std::unique_ptr<registry::RegistryImageResolver> registry;
    std::unique_ptr<planner::ImageConfigResolver> shown, local_first;
  };
  oci::Platform platform_;
  PullPolicy pull_;
  std::map<std::string, Resolvers> others_;
};

// Ok when the store's blob `d` is there and still holds what its digest
// names. Nothing damaged leaves the store: a blob that no longer verifies
// is quarantined, and the build that made it makes it again. Fails with
// `push <ref>: blob ...` (kNotFound when absent, kIo when damaged).
// What `step` (a transfer step; none when null) shows of each blob's
// progress.
registry::BlobProgressFn BlobsOf(executor::TransferStep* step);

Status CheckBlobForPush(const cache::StorePaths& store, const oci::ImageReference& ref,
                        const oci::Descriptor& d);

}  // namespace mybuild::cli
