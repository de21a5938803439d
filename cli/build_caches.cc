#include "cli/build_caches.h"

#include "cli/registry_session.h"
#include "executor/progress.h"
#include "export/image_variant.h"
#include "oci/reference.h"
#include "planner/build_graph.h"
#include "remote_cache/cache_exporter.h"
#include "remote_cache/cache_importer.h"
#include "remote_cache/cache_mount_layers.h"
#include "remote_cache/cache_spec.h"
#include "remote_cache/inline_cache.h"
#include "remote_cache/local_backend.h"
#include "remote_cache/registry_backend.h"

namespace mybuild::cli {
namespace {

using remote_cache::CacheSpec;

Expected<std::unique_ptr<remote_cache::CacheBackend>> MakeBackend(
    const CacheSpec& spec, RegistrySession& session) {
  if (spec.type == "local") {
    return std::unique_ptr<remote_cache::CacheBackend>(
        new remote_cache::LocalBackend(spec.name, spec.dir, spec.tag));
  }
  ASSIGN_OR_RETURN(oci::ImageReference ref,
                   oci::ImageReference::Parse(spec.ref));
  ASSIGN_OR_RETURN(registry::RegistryClient * client,
                   session.registries().For(ref.host()));
  return std::unique_ptr<remote_cache::CacheBackend>(
      new remote_cache::RegistryBackend(spec.name, *client, ref));
}

}  // namespace

struct BuildCaches::Impl {
  RegistrySession* session = nullptr;
  cache::StorePaths store;
  std::unique_ptr<remote_cache::CacheImporter> importer;
  std::vector<CacheSpec> exports;
};

BuildCaches::BuildCaches(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
BuildCaches::BuildCaches(BuildCaches&&) noexcept = default;
BuildCaches::~BuildCaches() = default;

Expected<BuildCaches> BuildCaches::Open(const BuildOptions& o,
                                        RegistrySession& session,
                                        const cache::StorePaths& store,
                                        executor::Progress& progress) {
  auto impl = std::make_unique<Impl>(Impl{&session, store, nullptr, {}});
  for (const std::string& to : o.cache_to) {
    ASSIGN_OR_RETURN(CacheSpec spec, remote_cache::ParseCacheSpec(to, true));
    impl->exports.push_back(std::move(spec));
  }
  std::vector<remote_cache::ImportSource> sources;
  for (const std::string& from : o.cache_from) {
    ASSIGN_OR_RETURN(CacheSpec spec, remote_cache::ParseCacheSpec(from, false));
    Expected<std::unique_ptr<remote_cache::CacheBackend>> backend =
        MakeBackend(spec, session);
    if (!backend.ok()) {
      if (!spec.ignore_error)
        return backend.status().WithPrefix("cache " + spec.name);
      progress.Note("cache " + spec.name +
                    ": ignored: " + backend.status().message());
      continue;
    }
    sources.push_back({std::move(*backend), spec.ignore_error});
  }
  if (!sources.empty()) {
    ASSIGN_OR_RETURN(impl->importer, remote_cache::CacheImporter::Open(
                                         std::move(sources), store, progress));
  }
  return BuildCaches(std::move(impl));
}

executor::RemoteSteps* BuildCaches::importer() const {
  return impl_->importer.get();
}

Status BuildCaches::ExportOne(const remote_cache::CacheSpec& spec,
                              const planner::BuildGraph& graph,
                              executor::BuiltImage& image,
                              executor::TransferStep& step) const {
  std::vector<remote_cache::CacheRecord> records =
      remote_cache::CollectRecords(graph, impl_->store, spec.mode);
  RETURN_IF_ERROR(remote_cache::GzipLayers(records, impl_->store));
  if (spec.type == "inline") {
    // The records name gzip layers: so must the image that carries them
    // (the push keeps layers already gzipped).
    ASSIGN_OR_RETURN(exporter::StoredImage built,
                     exporter::LoadImage(impl_->store, image.manifest));
    ASSIGN_OR_RETURN(exporter::StoredImage gzipped,
                     exporter::ConvertImage(impl_->store, built, exporter::LayerOptions{}));
    ASSIGN_OR_RETURN(
        remote_cache::ImageDigests inlined,
        remote_cache::EmbedRecords(gzipped.digest, records, impl_->store));
    image.manifest = inlined.manifest;
    image.config = inlined.config;
    return Status::Ok();
  }
  std::vector<remote_cache::CacheMountRecord> mounts;
  if (spec.cache_mounts) {
    ASSIGN_OR_RETURN(
        mounts, remote_cache::PackCacheMounts(graph, impl_->store, spec.mode));
  }
  ASSIGN_OR_RETURN(std::unique_ptr<remote_cache::CacheBackend> backend,
                   MakeBackend(spec, *impl_->session));
  backend->ReportBytes(BlobsOf(&step));
  return remote_cache::ExportRecords(records, impl_->store, *backend, mounts,
                                     spec.image_manifest);
}

Expected<executor::BuiltImage> BuildCaches::Export(
    const planner::BuildGraph& graph, executor::BuiltImage image,
    executor::Progress& progress) const {
  for (const CacheSpec& spec : impl_->exports) {
    executor::TransferStep step(&progress, "exporting cache to " + spec.name);
    Status st = ExportOne(spec, graph, image, step);
    step.Finish(st);
    if (st.ok()) continue;
    if (!spec.ignore_error) return st.WithPrefix("cache " + spec.name);
    progress.Note("cache " + spec.name + ": not exported: " + st.message());
  }
  return image;
}

}  // namespace mybuild::cli
