// The planner's ImageConfigResolver, answered from registries: the config of
// the image a FROM names, for the build's platform. Only the manifest and
// the config blob are fetched; layers wait until something needs them.
// registries.conf decides where a name is looked for (pull_sources.h).
#pragma once

#include <map>
#include <mutex>
#include <string>

#include "oci/descriptor.h"
#include "planner/resolvers.h"
#include "registry/puller.h"
#include "registry/registries.h"
#include "registry/registries_conf.h"

namespace mybuild::registry {

class RegistryImageResolver : public planner::ImageConfigResolver {
 public:
  // `registries` must outlive the resolver; config blobs are stored at
  // blob_path(digest) (and read from there when already present).
  RegistryImageResolver(Registries& registries, oci::Platform platform,
                        BlobPathFn blob_path, RegistriesConf conf = {});

  // Parses `ref` as Docker does, resolves it to the platform's manifest and
  // returns that manifest's digest and config, trying each name a short name
  // may mean and each mirror in turn; the answer's ref is the name (never
  // the mirror). Answers are remembered per reference text for the
  // resolver's lifetime. Fails with
  //   invalid reference "Foo": ...
  //   pull 127.0.0.1:5000/app:1: manifest unknown: manifest unknown
  //   pull alpine:3: image config: <reason>
  // or, for a short name tried on several registries, each one's failure:
  //   pull app:1: not found on any of 2 search registries: pull a.io/app:1:
  //   ...; pull b.io/app:1: ...
  Expected<planner::ResolvedImage> Resolve(const std::string& ref) override;

 private:
  Expected<planner::ResolvedImage> ResolveUncached(const std::string& ref);
  Expected<planner::ResolvedImage> ResolveName(const oci::ImageReference& name);
  Expected<planner::ResolvedImage> ResolveAt(const oci::ImageReference& name,
                                             const oci::ImageReference& source);

  Registries& registries_;
  oci::Platform platform_;
  BlobPathFn blob_path_;
  RegistriesConf conf_;
  std::mutex mu_;
  std::map<std::string, planner::ResolvedImage> done_;
};

}  // namespace mybuild::registry
