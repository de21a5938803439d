#include "cli/image_facts.h"

#include <cstdlib>

#include "base/fd.h"
#include "oci/layer_reader.h"
#include "oci/reference.h"
#include "cache/lazy_layers.h"

namespace mybuild::cli {
namespace {

// LayerUnpackedSize, kept in sizes/<hex> once computed.
Expected<int64_t> CachedLayerSize(const cache::StorePaths& store, const oci::Digest& layer) {
  if (Expected<std::string> text = ReadFile(store.LayerSize(layer)); text.ok()) {
    char* end = nullptr;
    long long v = std::strtoll(text->c_str(), &end, 10);
    if (end != text->c_str() && *end == '\n' && v >= 0) return static_cast<int64_t>(v);
  }
  RETURN_IF_ERROR(cache::MaterializeLayer(store, layer));
  ASSIGN_OR_RETURN(int64_t size, LayerUnpackedSize(store.Blob(layer)));
  // A size that cannot be kept is computed again next time.
  if (MakeDirs(store.SizesDir()).ok()) {
    (void)WriteFileAtomic(store.LayerSize(layer), std::to_string(size) + "\n");
  }
  return size;
}

Expected<ImageFacts> Facts(const cache::StorePaths& store, const std::string& name,
                           const cache::ImageRecord& rec) {
  ImageFacts f;
  f.name = name;
  f.record = rec;
  ASSIGN_OR_RETURN(f.image, exporter::LoadImage(store, rec.manifest));
  ASSIGN_OR_RETURN(f.config_json, ReadFile(store.Blob(f.image.manifest.config.digest)));
  ASSIGN_OR_RETURN(f.config, oci::ImageConfig::FromJson(f.config_json));
  for (const oci::Descriptor& l : f.image.manifest.layers) {
    ASSIGN_OR_RETURN(int64_t size, CachedLayerSize(store, l.digest));
    f.layer_sizes.push_back(size);
    f.size += size;
  }
  return f;
}

}  // namespace

Expected<int64_t> LayerUnpackedSize(const std::string& path) {
  ASSIGN_OR_RETURN(oci::LayerReader reader, oci::LayerReader::Open(path));
  int64_t total = 0;
  while (true) {
    ASSIGN_OR_RETURN(std::optional<oci::TarEntry> e, reader.Next());
    if (!e) return total;
    if (e->type == oci::EntryType::kFile) total += e->size;
  }
}

Expected<ImageFacts> LoadFacts(const cache::StorePaths& store, const std::string& ref) {
  ASSIGN_OR_RETURN(oci::ImageReference parsed, oci::ImageReference::Parse(ref));
  ASSIGN_OR_RETURN(cache::ImageRecord rec, cache::ImageStore(store).Lookup(parsed.str()));
  return Facts(store, parsed.str(), rec);
}

Expected<std::vector<ImageFacts>> LoadAllFacts(const cache::StorePaths& store) {
  ASSIGN_OR_RETURN(cache::Records records, cache::ImageStore(store).List());
  std::vector<ImageFacts> out;
  for (const auto& [name, rec] : records) {
    Expected<ImageFacts> f = Facts(store, name, rec);
    if (f.ok()) out.push_back(std::move(f).value());
  }
  return out;
}

}  // namespace mybuild::cli
