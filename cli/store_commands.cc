// `mybuild push` and `pull`: images between the local store and registries.
#include "cache/image_store.h"
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
  out << (ref->digest() ? name : name + "@" + pulled->str()) << "\n";
  return kExitOk;
}

}  // namespace mybuild::cli
