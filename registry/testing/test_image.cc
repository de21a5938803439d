#include "registry/testing/test_image.h"

#include "base/fd.h"
#include "oci/media_types.h"

namespace mybuild::registry::testing {
namespace {

oci::Descriptor Describe(std::string_view type, const std::string& bytes) {
  oci::Descriptor d;
  d.media_type = std::string(type);
  d.digest = oci::Digest::Of(bytes);
  d.size = static_cast<int64_t>(bytes.size());
  return d;
}

}  // namespace

TestImage MakeTestImage(const std::vector<std::string>& layers,
                        const std::string& arch) {
  TestImage image;
  image.layers = layers;
  std::string diff_ids;
  for (const auto& l : layers) {
    diff_ids +=
        (diff_ids.empty() ? "\"" : ",\"") + oci::Digest::Of(l).str() + "\"";
  }
  image.config = R"({"architecture":")" + arch +
                 R"(","config":{},"os":"linux","rootfs":{"diff_ids":[)" +
                 diff_ids + R"(],"type":"layers"}})";
  image.manifest.media_type = std::string(oci::media::kOciManifest);
  image.manifest.config = Describe(oci::media::kOciConfig, image.config);
  for (const auto& l : layers) {
    image.manifest.layers.push_back(Describe(oci::media::kOciLayerGzip, l));
  }
  image.manifest_json = image.manifest.ToJson();
  image.manifest_digest = oci::Digest::Of(image.manifest_json);
  return image;
}

Expected<std::vector<PushBlob>> WriteBlobs(const TestImage& image,
                                           const std::string& dir) {
  std::vector<PushBlob> out;
  std::vector<std::pair<oci::Descriptor, const std::string*>> all = {
      {image.manifest.config, &image.config}};
  for (size_t i = 0; i < image.layers.size(); ++i) {
    all.push_back({image.manifest.layers[i], &image.layers[i]});
  }
  for (const auto& [desc, bytes] : all) {
    std::string path = dir + "/" + std::string(desc.digest.hex());
    RETURN_IF_ERROR(WriteFileAtomic(path, *bytes));
    out.push_back(PushBlob{desc, path, ""});
  }
  return out;
}

std::string MakeIndex(
    const std::vector<std::pair<TestImage, std::string>>& images_and_arches) {
  oci::ImageIndex index;
  index.media_type = std::string(oci::media::kOciIndex);
  for (const auto& [image, arch] : images_and_arches) {
    oci::Descriptor d = Describe(oci::media::kOciManifest, image.manifest_json);
    d.platform = oci::Platform{"linux", arch, "", "", {}};
    index.manifests.push_back(d);
  }
  return index.ToJson();
}

}  // namespace mybuild::registry::testing
