#include "cli/push_pipeline.h"

#include "base/fd.h"
#include "cache/blob_store.h"
#include "export/layer_variant.h"
#include "oci/image_config.h"
#include "base/parallel.h"
#include "registry/pusher.h"

namespace mybuild::cli {
namespace {

constexpr int kConcurrentConversions = 2;

}  // namespace

Status UploadLayersAsConverted(RegistrySession& session, const cache::StorePaths& store,
                               const oci::ImageReference& ref,
                               const exporter::StoredImage& image,
                               const exporter::LayerOptions& opts,
                               const registry::BlobProgressFn& progress) {
  const oci::Manifest& m = image.manifest;
  ASSIGN_OR_RETURN(std::string config_text, ReadFile(store.Blob(m.config.digest)));
  ASSIGN_OR_RETURN(oci::ImageConfig config, oci::ImageConfig::FromJson(config_text));
  // ConvertImage reports a mismatch; nothing to get ahead of then.
  if (config.diff_ids.size() != m.layers.size()) return Status::Ok();
  Expected<registry::RegistryClient*> client = session.registries().For(ref.host());
  if (!client.ok()) return client.status().WithPrefix("push " + ref.str());
  registry::BlobPusher pusher(**client, ref, progress);
  // Two layers are compressed at a time: a compression keeps its reading
  // and hashing on one thread, so one alone leaves a core idle.
  WorkQueue converters(kConcurrentConversions);
  // The variants are made durable together once all are made, while the
  // last uploads run: not three fsyncs each as they are made (a 30-layer
  // image's push spent most of its time there). Until then they are
  // unmarked, so a crash can leave none that is trusted unread.
  cache::UnsyncedBlobs unsynced(store);
  for (size_t i = 0; i < m.layers.size(); ++i) {
    converters.Add([&, i]() -> Status {
      if (pusher.failed()) return Status::Ok();  // Finish reports it
      oci::Descriptor layer = m.layers[i];
      // As ConvertImage decides which layers it converts.
      bool keep = exporter::LayerCompressionOf(layer.media_type) == opts.compression &&
                  (!opts.force || opts.compression == exporter::LayerCompression::kUncompressed);
      if (!keep) {
        ASSIGN_OR_RETURN(layer, exporter::LayerVariant(store, layer, config.diff_ids[i], opts,
                                                       &unsynced));
      }
      // A variant just made was hashed as it was written.
      if (!unsynced.Has(layer.digest)) RETURN_IF_ERROR(CheckBlobForPush(store, ref, layer));
      pusher.Add({layer, store.Blob(layer.digest), ""});
      return Status::Ok();
    });
  }
  Status converted = converters.Finish();
  if (Status synced = unsynced.Sync(); converted.ok() && !synced.ok()) {
    converted = synced.WithPrefix("push " + ref.str());
  }
  Status pushed = pusher.Finish();
  return converted.ok() ? pushed : converted;
}

}  // namespace mybuild::cli
