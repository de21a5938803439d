// Base images from the local store: FROM, COPY --from and RUN --mount from=
// names that a build, `tag`, `load` or `pull` left there, and the --pull
// policy that decides when a registry is asked instead.
#pragma once

#include <string>

#include "base/status.h"
#include "cache/store_paths.h"
#include "cli/registry_flags.h"
#include "oci/descriptor.h"
#include "oci/reference.h"
#include "planner/resolvers.h"
#include "registry/registries_conf.h"

namespace mybuild::cli {

// Whether the store holds the image with manifest `digest` whole (manifest,
// config and every layer).
bool HaveImage(const cache::StorePaths& store, const oci::Digest& digest);

// The image `ref` names in the store, whole: a tag the image index holds,
// or a digest whose manifest (or index, then `platform`'s entry) is a blob
// there. NotFound when it is not there whole.
Expected<planner::ResolvedImage> LocalImage(const cache::StorePaths& store,
                                            const oci::ImageReference& ref,
                                            const oci::Platform& platform);

// The store first (unless kAlways; each name a short name may mean, in
// order), then `registry` (unless kNever). With kNever an image missing from
// the store fails with
//   pull 127.0.0.1:5000/base:1: not in the local store, and --pull=never
//   forbids asking its registry
class PolicyResolver : public planner::ImageConfigResolver {
 public:
  PolicyResolver(cache::StorePaths store, planner::ImageConfigResolver& registry,
                 PullPolicy policy, oci::Platform platform,
                 registry::RegistriesConf conf);
  Expected<planner::ResolvedImage> Resolve(const std::string& ref) override;

 private:
  cache::StorePaths store_;
  planner::ImageConfigResolver& registry_;
  PullPolicy policy_;
  oci::Platform platform_;
  registry::RegistriesConf conf_;
};

}  // namespace mybuild::cli
