// `mybuild push` and `pull`: images between the local store and registries.
#include <unistd.h>

#include <chrono>

#include "base/fd.h"
#include "cache/image_store.h"
#include "cache/snapshot_store.h"
#include "cli/local_images.h"
#include "oci/manifest.h"
#include "export/image_index.h"
#include "export/image_variant.h"
#include "oci/platform_match.h"
#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/progress/make_printer.h"
#include "cli/push_pipeline.h"
#include "cli/registry_session.h"

namespace mybuild::cli {
namespace {

// The printer of a push or pull: as a build's, but "auto" off a terminal
// prints nothing.
std::unique_ptr<progress::Printer> TransferPrinter(const CommandLine& cl, std::ostream& err) {
  progress::Terminal t = progress::TerminalOf(STDERR_FILENO);
  std::string mode = cl.image.progress;
  if (mode == "auto" && !progress::CanDrawLive(t)) mode = "quiet";
  return progress::MakePrinter(mode, err, t, [] { return std::chrono::system_clock::now(); });
}

// Pushes the index of several platforms a build tagged (`index`, its
// bytes): each image's layers gzipped and uploaded, then the images by
// digest and a new index of them under `ref`.
Status PushIndex(RegistrySession& session, const cache::StorePaths& store,
                 const oci::ImageReference& ref, const std::string& index_text,
                 progress::Printer& printer, std::string* pushed) {
  ASSIGN_OR_RETURN(oci::ImageIndex index, oci::ImageIndex::FromJson(index_text));
  executor::TransferStep step(&printer, "pushing " + ref.str());
  std::vector<exporter::StoredImage> gzipped;
  Status st;
  for (const oci::Descriptor& m : index.manifests) {
    Expected<exporter::StoredImage> image = exporter::LoadImage(store, m.digest);
    st = image.status();
    if (st.ok()) {
      st = UploadLayersAsConverted(session, store, ref, *image, exporter::LayerOptions{},
                                   BlobsOf(&step));
    }
    Expected<exporter::StoredImage> one =
        st.ok() ? exporter::ConvertImage(store, *image, exporter::LayerOptions{}) : st;
    st = one.status();
    if (!st.ok()) break;
    gzipped.push_back(*one);
  }
  Expected<exporter::StoredIndex> made = st.ok() ? exporter::PutImageIndex(store, gzipped) : st;
  st = made.status();
  if (st.ok()) st = session.PushIndex(ref, made->digest, BlobsOf(&step));
  step.Finish(st);
  if (st.ok()) *pushed = ref.str() + "@" + made->digest.str();
  return st;
}

// Pushes the image `rec` names to `ref` as a step on `printer`: its layers
// gzipped, each uploaded as soon as it is compressed, as a build's --push.
Status PushImage(const CommandLine& cl, const oci::ImageReference& ref,
                 const cache::ImageRecord& rec, progress::Printer& printer, std::string* pushed) {
  cache::StorePaths store(cl.root);
  ASSIGN_OR_RETURN(std::unique_ptr<RegistrySession> session,
                   RegistrySession::Create(store, cl.registry));
  ASSIGN_OR_RETURN(std::string text, ReadFile(store.Blob(rec.manifest)));
  if (!oci::Manifest::FromJson(text).ok()) {  // a build of several platforms
    return PushIndex(*session, store, ref, text, printer, pushed);
  }
  ASSIGN_OR_RETURN(exporter::StoredImage image, exporter::LoadImage(store, rec.manifest));
  executor::TransferStep step(&printer, "pushing " + ref.str());
  step.Begin("pushing layers");
  Status st = UploadLayersAsConverted(*session, store, ref, image, exporter::LayerOptions{},
                                      BlobsOf(&step));
  Expected<exporter::StoredImage> gzipped = Internal("not converted");
  if (st.ok()) {
    step.Complete("pushing layers");
    gzipped = exporter::ConvertImage(store, image, exporter::LayerOptions{});
    st = gzipped.status();
  }
  if (st.ok()) {
    std::string what = "pushing manifest for " + ref.str() + "@" + gzipped->digest.str();
    step.Begin(what);
    st = session->Push(ref, gzipped->digest, BlobsOf(&step));
    if (st.ok()) step.Complete(what);
  }
  step.Finish(st);
  if (st.ok()) *pushed = ref.str() + "@" + gzipped->digest.str();
  return st;
}

}  // namespace

int RunPush(const CommandLine& cl, std::ostream& out, std::ostream& err) {
  Expected<oci::ImageReference> ref = oci::ImageReference::Parse(cl.ref);
  if (!ref.ok()) return Fail(err, ref.status());
  Expected<cache::ImageRecord> rec = cache::ImageStore(cache::StorePaths(cl.root)).Lookup(ref->str());
  if (!rec.ok()) return Fail(err, rec.status());
  std::unique_ptr<progress::Printer> printer = TransferPrinter(cl, err);
  std::string pushed;
  Status st = PushImage(cl, *ref, *rec, *printer, &pushed);
  printer->Finish(st.ok());
  if (!st.ok()) return Fail(err, st);
  out << pushed << "\n";
  return kExitOk;
}

namespace {

// Unpacks every layer of the image `ref` just pulled, as `docker pull`
// does, so the first RUN on it does not wait for the unpack (a Debian base
// is 6,700 files). A build that never reads the layers (COPY onto it only)
// would not have unpacked them; pulling is asking for them ready. Each
// layer unpacked is the item "extracting sha256:<blob>" of `step`, as
// BuildKit shows it after the blob's bytes; one already unpacked is not.
// The layers unpack side by side, one per core.
Status UnpackPulled(const cache::StorePaths& store, const oci::ImageReference& ref,
                    const oci::Platform& platform, executor::TransferStep& step) {
  ASSIGN_OR_RETURN(planner::ResolvedImage image, LocalImage(store, ref, platform));
  ASSIGN_OR_RETURN(std::string text, ReadFile(store.Blob(image.manifest)));
  ASSIGN_OR_RETURN(oci::Manifest m, oci::Manifest::FromJson(text));
  if (m.layers.size() != image.config.diff_ids.size()) {
    return InvalidArgument("image " + ref.str() + ": manifest has " +
                           std::to_string(m.layers.size()) + " layers but its config lists " +
                           std::to_string(image.config.diff_ids.size()));
  }
  std::vector<cache::SnapshotStore::Layer> layers;
  for (size_t i = 0; i < m.layers.size(); ++i) {
    layers.push_back({image.config.diff_ids[i], store.Blob(m.layers[i].digest)});
  }
  return cache::SnapshotStore(store).EnsureAll(
      layers, /*workers=*/0, [&](size_t i, bool done) {
        std::string item = "extracting " + m.layers[i].digest.str();
        done ? step.Complete(item) : step.Begin(item);
      });
}

// The pull and its unpack: one step, "pulling REF", done when both are.
Expected<std::string> PullAndUnpack(const CommandLine& cl, RegistrySession& session,
                                    const oci::ImageReference& ref, const oci::Platform& platform,
                                    executor::TransferStep& step) {
  std::string name;
  ASSIGN_OR_RETURN(oci::Digest pulled, session.Pull(cl.ref, platform, &name, &step));
  // `name` is what was pulled: a short name resolved by registries.conf.
  std::string result = ref.digest() ? name : name + "@" + pulled.str();
  ASSIGN_OR_RETURN(oci::ImageReference pulled_ref, oci::ImageReference::Parse(result));
  RETURN_IF_ERROR(UnpackPulled(cache::StorePaths(cl.root), pulled_ref, platform, step));
  return result;
}

}  // namespace

int RunPull(const CommandLine& cl, std::ostream& out, std::ostream& err) {
  Expected<oci::ImageReference> ref = oci::ImageReference::Parse(cl.ref);
  if (!ref.ok()) return Fail(err, ref.status());
  Expected<oci::Platform> platform = cl.image.platform.empty()
                                         ? oci::DefaultPlatform()
                                         : oci::Platform::Parse(cl.image.platform);
  if (!platform.ok()) return Fail(err, platform.status());
  auto session = RegistrySession::Create(cache::StorePaths(cl.root), cl.registry);
  if (!session.ok()) return Fail(err, session.status());
  std::unique_ptr<progress::Printer> printer = TransferPrinter(cl, err);
  executor::TransferStep step(printer.get(), "pulling " + cl.ref);
  Expected<std::string> pulled = PullAndUnpack(cl, **session, *ref, *platform, step);
  step.Finish(pulled.status());
  printer->Finish(pulled.ok());
  if (!pulled.ok()) return Fail(err, pulled.status());
  out << *pulled << "\n";
  return kExitOk;
}

}  // namespace mybuild::cli
