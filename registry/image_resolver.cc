#include "registry/image_resolver.h"

#include <unistd.h>

#include "base/fd.h"
#include "registry/pull_sources.h"

namespace mybuild::registry {

RegistryImageResolver::RegistryImageResolver(Registries& registries,
                                             oci::Platform platform,
                                             BlobPathFn blob_path,
                                             RegistriesConf conf)
    : registries_(registries),
      platform_(std::move(platform)),
      blob_path_(std::move(blob_path)),
      conf_(std::move(conf)) {}

Expected<planner::ResolvedImage> RegistryImageResolver::Resolve(
    const std::string& ref) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = done_.find(ref);
    if (it != done_.end()) return it->second;
  }
  ASSIGN_OR_RETURN(planner::ResolvedImage image, ResolveUncached(ref));
  std::lock_guard<std::mutex> lock(mu_);
  done_.emplace(ref, image);
  return image;
}

Expected<planner::ResolvedImage> RegistryImageResolver::ResolveUncached(
    const std::string& text) {
  ASSIGN_OR_RETURN(std::vector<oci::ImageReference> names, NameCandidates(conf_, text));
  if (names.size() == 1) return ResolveName(names[0]);
  std::string failures;
  Status last;
  for (const oci::ImageReference& name : names) {
    Expected<planner::ResolvedImage> image = ResolveName(name);
    if (image.ok()) return image;
    last = image.status();
    failures += (failures.empty() ? "" : "; ") + last.message();
  }
  return Status(last.code(), "pull " + text + ": not found on any of " +
                                 std::to_string(names.size()) +
                                 " search registries: " + failures);
}

Expected<planner::ResolvedImage> RegistryImageResolver::ResolveName(
    const oci::ImageReference& name) {
  std::optional<planner::ResolvedImage> found;
  Status st = TrySources(conf_, name, [&](const oci::ImageReference& source) {
    ASSIGN_OR_RETURN(found, ResolveAt(name, source));
    return Status::Ok();
  });
  if (!st.ok()) return st;
  return std::move(*found);
}

Expected<planner::ResolvedImage> RegistryImageResolver::ResolveAt(
    const oci::ImageReference& name, const oci::ImageReference& ref) {
  Expected<RegistryClient*> found = registries_.For(ref.host());
  if (!found.ok()) return found.status().WithPrefix("pull " + ref.Familiar());
  RegistryClient& client = **found;
  ASSIGN_OR_RETURN(ResolvedManifest resolved,
                   ResolveManifest(client, ref, platform_));
  const oci::Descriptor& config = resolved.parsed.config;
  std::string path = blob_path_(config.digest);
  std::string what = "pull " + ref.Familiar();
  if (::access(path.c_str(), F_OK) != 0) {
    Status st = client.FetchBlob(ref.path(), config.digest, config.size, path);
    if (!st.ok()) return st.WithPrefix(what);
  }
  auto bytes = ReadFile(path);
  if (!bytes.ok()) return bytes.status().WithPrefix(what);
  auto parsed = oci::ImageConfig::FromJson(*bytes);
  if (!parsed.ok()) return parsed.status().WithPrefix(what);
  // The manifest too (its digest is its bytes' SHA-256, verified): the
  // build reads it before its first step, which then needs no second
  // fetch of it. Best effort: whoever needs it fetches it when absent.
  std::string manifest_path = blob_path_(resolved.manifest.digest);
  if (::access(manifest_path.c_str(), F_OK) != 0) {
    (void)WriteFileAtomic(manifest_path, resolved.manifest.bytes);
  }
  return planner::ResolvedImage{name.str(), resolved.manifest.digest,
                                std::move(*parsed)};
}

}  // namespace mybuild::registry
