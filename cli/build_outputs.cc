#include "cli/build_outputs.h"

#include <optional>

#include <nlohmann/json.hpp>

#include "base/fd.h"
#include "cache/image_store.h"
#include "cli/push_pipeline.h"
#include "export/annotation_spec.h"
#include "export/archive_export.h"
#include "export/image_index.h"
#include "export/rootfs_export.h"
#include "export/timestamp_rewrite.h"

namespace mybuild::cli {
namespace {

using exporter::OutputSpec;
using exporter::OutputType;

std::vector<OutputSpec> Outputs(const BuildOptions& o) {
  std::vector<OutputSpec> out = o.outputs;
  if (out.empty()) out.push_back(OutputSpec{});
  if (o.push) {
    OutputSpec reg;
    reg.type = OutputType::kRegistry;
    reg.push = true;
    out.push_back(reg);
  }
  for (OutputSpec& spec : out) {
    if (o.docker_format && !spec.layers.oci_mediatypes) spec.layers.oci_mediatypes = false;
  }
  return out;
}

// The full references an output names: name= or else the -t tags.
Expected<std::vector<oci::ImageReference>> Names(const OutputSpec& spec,
                                                 const BuildOptions& o) {
  std::vector<oci::ImageReference> out;
  for (const std::string& n : spec.names.empty() ? o.tags : spec.names) {
    ASSIGN_OR_RETURN(oci::ImageReference ref, oci::ImageReference::Parse(n));
    out.push_back(std::move(ref));
  }
  return out;
}

bool IsArchive(const std::string& dest) {
  return dest == "-" || (dest.size() > 4 && dest.substr(dest.size() - 4) == ".tar");
}

struct Context {
  const cache::StorePaths& store;
  const std::string& created;
  RegistrySession& session;
  executor::Progress& progress;
  std::ostream& pushed;  // REF@DIGEST lines
  std::ostream& err;
  executor::TransferStep* step = nullptr;  // the push of this output
};

std::string Joined(const std::vector<oci::ImageReference>& names) {
  std::string out;
  for (const oci::ImageReference& n : names) out += (out.empty() ? "" : ", ") + n.str();
  return out;
}

// Every name is tried and each result reported (REF@DIGEST, or the
// error); the first failure decides the status.
// `index`: the digest is an image index (several platforms), pushed with
// the images it lists.
Status PushAll(const Context& c, const oci::Digest& digest,
               const std::vector<oci::ImageReference>& names, bool index = false) {
  Status first;
  int failed = 0;
  for (const oci::ImageReference& n : names) {
    // BuildKit's words for the manifest's part of a push.
    std::string what = std::string(index ? "pushing manifest list for " : "pushing manifest for ") +
                       n.str() + "@" + digest.str();
    if (c.step) c.step->Begin(what);
    Status st = index ? c.session.PushIndex(n, digest, BlobsOf(c.step))
                      : c.session.Push(n, digest, BlobsOf(c.step));
    if (st.ok()) {
      if (c.step) c.step->Complete(what);
      c.pushed << n.str() << "@" << digest.str() << "\n";
      continue;
    }
    c.err << "mybuild: " << st.message() << "\n";
    if (first.ok()) first = st;
    ++failed;
  }
  if (first.ok()) return first;
  return Status(first.code(), "push failed for " + std::to_string(failed) + " of " +
                                  std::to_string(names.size()) + " tags");
}

Status Store(const Context& c, const exporter::StoredImage& image,
             const std::vector<oci::ImageReference>& names, bool push) {
  if (push) return PushAll(c, image.digest, names);
  cache::ImageStore images(c.store);
  for (const oci::ImageReference& n : names) {
    RETURN_IF_ERROR(images.Tag(n.str(), image.digest, c.created));
    c.progress.Note("naming to " + n.str());
  }
  return Status::Ok();
}

Status WriteOne(const Context& c, const OutputSpec& spec, const exporter::StoredImage& image,
                const std::vector<oci::ImageReference>& names,
                const std::map<std::string, std::string>& descriptor_annotations) {
  std::vector<std::string> full;
  for (const oci::ImageReference& n : names) full.push_back(n.str());
  std::vector<exporter::NamedImage> one = {{image, full, descriptor_annotations}};
  if (spec.type != OutputType::kImage && spec.type != OutputType::kRegistry) {
    c.progress.Note(std::string("exporting ") + exporter::OutputTypeName(spec.type) + " to " +
                    (spec.dest == "-" ? "stdout" : spec.dest));
  }
  switch (spec.type) {
    case OutputType::kImage:
      RETURN_IF_ERROR(Store(c, image, names, false));
      return spec.push ? Store(c, image, names, true) : Status::Ok();
    case OutputType::kRegistry:
      if (names.empty()) return InvalidArgument("type=registry needs a name (-t or name=)");
      return Store(c, image, names, true);
    case OutputType::kOci:
      return IsArchive(spec.dest) ? exporter::WriteOciArchive(c.store, spec.dest, one)
                                  : exporter::WriteOciLayout(c.store, spec.dest, one);
    case OutputType::kDocker:
      return exporter::WriteDockerArchive(c.store, spec.dest, one);
    case OutputType::kLocal:
      return exporter::WriteRootfsDir(c.store, image, spec.dest);
    case OutputType::kTar:
      return exporter::WriteRootfsTar(c.store, image, spec.dest);
  }
  return Status::Ok();
}

// An output of several platforms' images: one index that lists them.
// type=local writes each platform's files in a directory of its own
// (linux_arm64/), as buildx does; the archives and type=tar take one image.
Status WriteSeveral(const Context& c, const OutputSpec& spec,
                    const exporter::StoredIndex& index,
                    const std::vector<oci::ImageReference>& names,
                    const std::map<std::string, std::string>& descriptor_annotations) {
  std::vector<std::string> full;
  for (const oci::ImageReference& n : names) full.push_back(n.str());
  if (spec.type != OutputType::kImage && spec.type != OutputType::kRegistry) {
    c.progress.Note(std::string("exporting ") + exporter::OutputTypeName(spec.type) + " to " +
                    (spec.dest == "-" ? "stdout" : spec.dest));
  }
  auto push = [&] { return PushAll(c, index.digest, names, true); };
  switch (spec.type) {
    case OutputType::kImage: {
      cache::ImageStore images(c.store);
      for (const oci::ImageReference& n : names) {
        RETURN_IF_ERROR(images.Tag(n.str(), index.digest, c.created));
        c.progress.Note("naming to " + n.str());
      }
      return spec.push ? push() : Status::Ok();
    }
    case OutputType::kRegistry:
      if (names.empty()) return InvalidArgument("type=registry needs a name (-t or name=)");
      return push();
    case OutputType::kOci:
      if (IsArchive(spec.dest)) break;
      return exporter::WriteOciLayoutIndex(c.store, spec.dest, index, full,
                                           descriptor_annotations);
    case OutputType::kLocal:
      for (size_t i = 0; i < index.images.size(); ++i) {
        std::string dir =
            spec.dest + "/" + exporter::PlatformDirName(*index.index.manifests[i].platform);
        RETURN_IF_ERROR(exporter::WriteRootfsDir(c.store, index.images[i], dir));
      }
      return Status::Ok();
    default:
      break;
  }
  return InvalidArgument(std::string("-o type=") + exporter::OutputTypeName(spec.type) +
                         (spec.type == OutputType::kOci ? " to a tar" : "") +
                         " takes one platform's image; this build has " +
                         std::to_string(index.images.size()));
}

// buildx's --metadata-file: the descriptor of what the first output wrote
// (`config`, its config digest, for an image; none for an index) and its
// names.
Status WriteMetadata(const std::string& file, const std::string& media_type,
                     const oci::Digest& digest, size_t size, const oci::Digest* config,
                     const std::vector<oci::ImageReference>& names) {
  nlohmann::json j = {
      {"containerimage.descriptor",
       {{"mediaType", media_type}, {"digest", digest.str()}, {"size", size}}},
      {"containerimage.digest", digest.str()}};
  if (config) j["containerimage.config.digest"] = config->str();
  std::string joined;
  for (const oci::ImageReference& n : names) joined += (joined.empty() ? "" : ",") + n.str();
  if (!joined.empty()) j["image.name"] = joined;
  return WriteFileAtomic(file, j.dump(2) + "\n");
}

// The image `spec` exports: with source-date-epoch=N its times clamped to
// N, with rewrite-timestamp=true its layers too. Layers this build made
// with SOURCE_DATE_EPOCH are clamped already and are not read again for
// the same epoch.
Expected<exporter::StoredImage> WithEpoch(const cache::StorePaths& store,
                                          const exporter::StoredImage& image,
                                          const executor::BuiltImage& built,
                                          const OutputSpec& spec,
                                          std::optional<int64_t> build_epoch,
                                          std::ostream& err) {
  std::optional<int64_t> epoch = spec.source_date_epoch ? spec.source_date_epoch : build_epoch;
  if (spec.rewrite_timestamp && !epoch) {
    err << "mybuild: warning: rewrite-timestamp is specified, but no source-date-epoch was "
           "found (set SOURCE_DATE_EPOCH or source-date-epoch=N); layers are left as built\n";
    return image;
  }
  if (!spec.source_date_epoch && !(spec.rewrite_timestamp && epoch != build_epoch)) {
    return image;
  }
  exporter::EpochRewrite rewrite;
  rewrite.epoch = *epoch;
  rewrite.layers = spec.rewrite_timestamp && epoch != build_epoch;
  rewrite.base_layers = built.base_layers;
  rewrite.base_history = built.base_history;
  return exporter::ApplyEpoch(store, image, rewrite);
}

// Whether `spec` needs the image's layers as its options say (gzip unless
// told otherwise). The store keeps the layers a build made as plain tars:
// the local store as the output with no layer options, and the rootfs
// outputs, take them as they are; pushes and image exports compress them
// (once: exporter::LayerVariant keeps the result).
bool CompressesLayers(const OutputSpec& spec) {
  switch (spec.type) {
    case OutputType::kLocal:
    case OutputType::kTar:
      return false;
    case OutputType::kImage:
      return spec.push || !(spec.layers == exporter::LayerOptions{});
    default:
      return true;
  }
}

// Whether `spec` sends the image to a registry.
bool Pushes(const OutputSpec& spec) {
  return spec.type == OutputType::kRegistry || (spec.type == OutputType::kImage && spec.push);
}

// The image `spec` writes of one platform's `image`: its epoch, layers
// and annotations as asked. A push's layers go up meanwhile, on `step`.
Expected<exporter::StoredImage> OutputImage(
    const Context& c, const OutputSpec& spec, const exporter::StoredImage& image,
    const executor::BuiltImage& built,
    const std::map<std::string, std::string>& manifest_annotations,
    const std::vector<oci::ImageReference>& names, std::optional<int64_t> epoch,
    executor::TransferStep* step) {
  ASSIGN_OR_RETURN(exporter::StoredImage clamped,
                   WithEpoch(c.store, image, built, spec, epoch, c.err));
  exporter::StoredImage converted = clamped;
  if (step) {
    step->Begin("pushing layers");
    // As `mybuild push` does: each layer goes up to the first name as
    // soon as its gzip variant is made, so ConvertImage below finds them
    // all made and PushAll finds them present. Its failure is not
    // reported here: ConvertImage then fails the same way, or PushAll
    // tries every name and reports each.
    Status up = UploadLayersAsConverted(c.session, c.store, names.front(), clamped, spec.layers,
                                        BlobsOf(step));
    if (up.ok()) step->Complete("pushing layers");
  }
  if (CompressesLayers(spec)) {
    ASSIGN_OR_RETURN(converted, exporter::ConvertImage(c.store, clamped, spec.layers));
  }
  return exporter::AnnotateManifest(c.store, converted, manifest_annotations);
}

}  // namespace

bool OutputsUseStdout(const BuildOptions& o) {
  for (const OutputSpec& s : o.outputs) {
    if (s.dest == "-") return true;
  }
  return false;
}

Expected<oci::Digest> WriteOutputs(const BuildOptions& o, const cache::StorePaths& store,
                    const executor::BuiltImage& built, const std::string& created,
                    std::optional<int64_t> epoch, RegistrySession& session, executor::Progress& progress,
                    std::ostream& pushed, std::ostream& err) {
  return WriteOutputs(o, store, std::vector<executor::BuiltImage>{built}, created, epoch, session,
                      progress, pushed, err);
}

Expected<oci::Digest> WriteOutputs(const BuildOptions& o, const cache::StorePaths& store,
                    const std::vector<executor::BuiltImage>& all, const std::string& created,
                    std::optional<int64_t> epoch, RegistrySession& session, executor::Progress& progress,
                    std::ostream& pushed, std::ostream& err) {
  Context c{store, created, session, progress, pushed, err};
  // Per platform: the image and its annotations.
  struct Built {
    const executor::BuiltImage* built;
    exporter::StoredImage image;
    std::map<std::string, std::string> manifest_annotations, descriptor_annotations;
  };
  std::vector<Built> images;
  for (const executor::BuiltImage& b : all) {
    ASSIGN_OR_RETURN(exporter::StoredImage image, exporter::LoadImage(store, b.manifest));
    ASSIGN_OR_RETURN(std::string platform, exporter::ImagePlatform(store, image));
    images.push_back({&b, image, exporter::AnnotationsFor(o.annotations, "manifest", platform),
                      exporter::AnnotationsFor(o.annotations, "manifest-descriptor", platform)});
  }
  bool first = true;
  oci::Digest id = all.front().config;
  for (const OutputSpec& spec : Outputs(o)) {
    ASSIGN_OR_RETURN(std::vector<oci::ImageReference> names, Names(spec, o));
    std::optional<executor::TransferStep> step;
    c.step = nullptr;
    if (Pushes(spec) && !names.empty()) {
      c.step = &step.emplace(&progress, "pushing " + Joined(names));
    }
    std::vector<exporter::StoredImage> variants;
    for (const Built& b : images) {
      ASSIGN_OR_RETURN(exporter::StoredImage variant,
                       OutputImage(c, spec, b.image, *b.built, b.manifest_annotations, names,
                                   epoch, step ? &*step : nullptr));
      variants.push_back(std::move(variant));
    }
    if (variants.size() > 1) {
      std::vector<std::map<std::string, std::string>> per_image;
      for (const Built& b : images) per_image.push_back(b.descriptor_annotations);
      ASSIGN_OR_RETURN(exporter::StoredIndex index,
                       exporter::PutImageIndex(store, variants,
                                               exporter::AnnotationsFor(o.annotations, "index", ""),
                                               per_image));
      Status written = WriteSeveral(
          c, spec, index, names, exporter::AnnotationsFor(o.annotations, "index-descriptor", ""));
      if (step) step->Finish(written);
      RETURN_IF_ERROR(written);
      if (first && !o.metadata_file.empty()) {
        RETURN_IF_ERROR(WriteMetadata(o.metadata_file, index.index.media_type, index.digest,
                                      index.json.size(), nullptr, names));
      }
      if (first) id = index.digest;
      first = false;
      continue;
    }
    const exporter::StoredImage& variant = variants.front();
    Status written = WriteOne(c, spec, variant, names, images.front().descriptor_annotations);
    if (step) step->Finish(written);
    RETURN_IF_ERROR(written);
    if (first && !o.metadata_file.empty()) {
      RETURN_IF_ERROR(WriteMetadata(o.metadata_file, variant.manifest.media_type, variant.digest,
                                    variant.manifest_json.size(),
                                    &variant.manifest.config.digest, names));
    }
    if (first) id = variant.manifest.config.digest;
    first = false;
  }
  return id;
}

}  // namespace mybuild::cli
