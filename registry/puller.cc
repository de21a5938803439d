#include "registry/puller.h"

#include <unistd.h>

#include <filesystem>

#include "base/fd.h"
#include "oci/media_types.h"
#include "oci/platform_match.h"
#include "base/parallel.h"

namespace mybuild::registry {
namespace {

constexpr int kParallelBlobs = 2;

bool Present(const std::string& path) {
  return ::access(path.c_str(), F_OK) == 0;
}

// Stores small verified content (a manifest) at its blob path.
Status StoreBytes(const BlobPathFn& blob_path, const FetchedManifest& m) {
  std::string path = blob_path(m.digest);
  if (Present(path)) return Status::Ok();
  std::string dir = std::filesystem::path(path).parent_path().string();
  if (!dir.empty()) RETURN_IF_ERROR(MakeDirs(dir));
  return WriteFileAtomic(path, m.bytes);
}

Expected<ResolvedManifest> Resolve(RegistryClient& client,
                                   const oci::ImageReference& ref,
                                   const oci::Platform& platform) {
  ResolvedManifest r;
  ASSIGN_OR_RETURN(FetchedManifest top,
                   client.GetManifest(ref.path(), ref.ManifestReference()));
  if (oci::media::IsIndex(top.media_type)) {
    ASSIGN_OR_RETURN(oci::ImageIndex index,
                     oci::ImageIndex::FromJson(top.bytes));
    ASSIGN_OR_RETURN(oci::Descriptor entry,
                     oci::SelectManifest(index, platform));
    ASSIGN_OR_RETURN(r.manifest,
                     client.GetManifest(ref.path(), entry.digest.str()));
    r.index = std::move(top);
  } else {
    r.manifest = std::move(top);
  }
  if (!oci::media::IsManifest(r.manifest.media_type)) {
    return InvalidArgument("unsupported manifest type \"" +
                           r.manifest.media_type + "\"");
  }
  ASSIGN_OR_RETURN(r.parsed, oci::Manifest::FromJson(r.manifest.bytes));
  return r;
}

}  // namespace

BlobPathFn BlobsUnder(const std::string& dir) {
  return [dir](const oci::Digest& d) {
    return dir + "/sha256/" + std::string(d.hex());
  };
}

Expected<ResolvedManifest> ResolveManifest(RegistryClient& client,
                                           const oci::ImageReference& ref,
                                           const oci::Platform& platform) {
  auto r = Resolve(client, ref, platform);
  if (!r.ok()) return r.status().WithPrefix("pull " + ref.Familiar());
  return r;
}

Expected<PulledImage> Pull(RegistryClient& client,
                           const oci::ImageReference& ref,
                           const oci::Platform& platform,
                           const BlobPathFn& blob_path,
                           const BlobProgressFn& progress) {
  PulledImage image;
  ASSIGN_OR_RETURN(image.resolved, ResolveManifest(client, ref, platform));
  const oci::Manifest& m = image.resolved.parsed;
  std::vector<oci::Descriptor> wanted = {m.config};
  wanted.insert(wanted.end(), m.layers.begin(), m.layers.end());
  for (const oci::Descriptor& d : wanted)
    client.NoteBlobIn(ref.path(), d.digest);
  std::erase_if(wanted, [&](const oci::Descriptor& d) {
    return Present(blob_path(d.digest));
  });
  Status st = RunParallel(wanted.size(), kParallelBlobs, [&](size_t i) {
    const oci::Descriptor& d = wanted[i];
    return client.FetchBlob(ref.path(), d.digest, d.size, blob_path(d.digest),
                            progress);
  });
  if (st.ok()) st = StoreBytes(blob_path, image.resolved.manifest);
  if (st.ok() && image.resolved.index) {
    st = StoreBytes(blob_path, *image.resolved.index);
  }
  if (!st.ok()) return st.WithPrefix("pull " + ref.Familiar());
  auto config = ReadFile(blob_path(m.config.digest));
  if (!config.ok()) return config.status().WithPrefix("pull " + ref.Familiar());
  image.config = std::move(*config);
  return image;
}

}  // namespace mybuild::registry
