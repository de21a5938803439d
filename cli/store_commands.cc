// `mybuild push` and `pull`: images between the local store and registries.
#include "base/fd.h"
#include "cache/image_store.h"
#include "cache/snapshot_store.h"
#include "cli/local_images.h"
#include "oci/manifest.h"
#include "export/image_variant.h"
#include "oci/platform_match.h"
#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/push_pipeline.h"
#include "cli/registry_session.h"

namespace mybuild::cli {

int RunPush(const CommandLine& cl, std::ostream& out, std::ostream& err) {
  Expected<oci::ImageReference> ref = oci::ImageReference::Parse(cl.ref);
  if (!ref.ok()) return Fail(err, ref.status());
  cache::StorePaths store(cl.root);
  Expected<cache::ImageRecord> rec = cache::ImageStore(store).Lookup(ref->str());
  if (!rec.ok()) return Fail(err, rec.status());
  auto session = RegistrySession::Create(store, cl.registry);
  if (!session.ok()) return Fail(err, session.status());
  // The layers a build made are plain tars in the store: a registry gets
  // them gzipped, as a build's --push sends them, each uploaded as soon as
  // it is compressed.
  Expected<exporter::StoredImage> image = exporter::LoadImage(store, rec->manifest);
  if (!image.ok()) return Fail(err, image.status());
  Status early = UploadLayersAsConverted(**session, store, *ref, *image, exporter::LayerOptions{});
  if (!early.ok()) return Fail(err, early);
  Expected<exporter::StoredImage> gzipped =
      exporter::ConvertImage(store, *image, exporter::LayerOptions{});
  if (!gzipped.ok()) return Fail(err, gzipped.status());
  Status st = (*session)->Push(*ref, gzipped->digest);
  if (!st.ok()) return Fail(err, st);
  out << ref->str() << "@" << gzipped->digest.str() << "\n";
  return kExitOk;
}

// Unpacks every layer of the image `ref` just pulled, as `docker pull`
// does, so the first RUN on it does not wait for the unpack (a Debian base
// is 6,700 files). A build that never reads the layers (COPY onto it only)
// would not have unpacked them; pulling is asking for them ready.
Status UnpackPulled(const cache::StorePaths& store, const oci::ImageReference& ref,
                    const oci::Platform& platform) {
  ASSIGN_OR_RETURN(planner::ResolvedImage image, LocalImage(store, ref, platform));
  ASSIGN_OR_RETURN(std::string text, ReadFile(store.Blob(image.manifest)));
  ASSIGN_OR_RETURN(oci::Manifest m, oci::Manifest::FromJson(text));
  if (m.layers.size() != image.config.diff_ids.size()) {
    return InvalidArgument("image " + ref.str() + ": manifest has " +
                           std::to_string(m.layers.size()) + " layers but its config lists " +
                           std::to_string(image.config.diff_ids.size()));
  }
  cache::SnapshotStore snapshots(store);
  for (size_t i = 0; i < m.layers.size(); ++i) {
    RETURN_IF_ERROR(snapshots.Ensure(image.config.diff_ids[i], store.Blob(m.layers[i].digest)));
  }
  return Status::Ok();
}

int RunPull(const CommandLine& cl, std::ostream& out, std::ostream& err) {
  Expected<oci::ImageReference> ref = oci::ImageReference::Parse(cl.ref);
  if (!ref.ok()) return Fail(err, ref.status());
  Expected<oci::Platform> platform = cl.image.platform.empty()
                                         ? oci::DefaultPlatform()
                                         : oci::Platform::Parse(cl.image.platform);
  if (!platform.ok()) return Fail(err, platform.status());
  auto session = RegistrySession::Create(cache::StorePaths(cl.root), cl.registry);
  if (!session.ok()) return Fail(err, session.status());
  std::string name;
  Expected<oci::Digest> pulled = (*session)->Pull(cl.ref, *platform, &name);
  if (!pulled.ok()) return Fail(err, pulled.status());
  // `name` is what was pulled: a short name resolved by registries.conf.
  Expected<oci::ImageReference> pulled_ref =
      oci::ImageReference::Parse(ref->digest() ? name : name + "@" + pulled->str());
  if (!pulled_ref.ok()) return Fail(err, pulled_ref.status());
  if (Status st = UnpackPulled(cache::StorePaths(cl.root), *pulled_ref, *platform); !st.ok()) {
    return Fail(err, st);
  }
  out << (ref->digest() ? name : name + "@" + pulled->str()) << "\n";
  return kExitOk;
}

}  // namespace mybuild::cli
