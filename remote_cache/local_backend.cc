#include "remote_cache/local_backend.h"

#include <filesystem>
#include <system_error>

#include "base/fd.h"
#include "oci/digest.h"
#include "oci/image_layout.h"
#include "oci/manifest.h"
#include "oci/media_types.h"

namespace mybuild::remote_cache {
namespace {

std::string BlobPath(const std::string& dir, const oci::Digest& d) {
  return dir + "/blobs/sha256/" + std::string(d.hex());
}

}  // namespace

Expected<std::string> LocalBackend::ReadManifest() {
  std::string index_path = dir_ + "/index.json";
  std::error_code ec;
  if (!std::filesystem::exists(index_path, ec))
    return NotFound(index_path + ": no cache there");
  ASSIGN_OR_RETURN(std::string text, ReadFile(index_path));
  Expected<oci::ImageIndex> index = oci::ImageIndex::FromJson(text);
  if (!index.ok()) return index.status().WithPrefix(index_path);
  for (const oci::Descriptor& d : index->manifests) {
    auto name = d.annotations.find(oci::kRefNameAnnotation);
    if (name == d.annotations.end() || name->second != tag_) continue;
    ASSIGN_OR_RETURN(std::string bytes, ReadFile(BlobPath(dir_, d.digest)));
    oci::Digest got = oci::Digest::Of(bytes);
    if (got != d.digest || static_cast<int64_t>(bytes.size()) != d.size) {
      return InvalidArgument("manifest " + d.digest.str() +
                             " does not verify: it hashes to " + got.str() +
                             " (" + std::to_string(bytes.size()) + " bytes)");
    }
    return bytes;
  }
  return NotFound(index_path + ": no cache named \"" + tag_ + "\"");
}

Status LocalBackend::FetchBlob(const oci::Descriptor& d,
                               const std::string& path) {
  std::string from = BlobPath(dir_, d.digest);
  std::error_code ec;
  if (!std::filesystem::exists(from, ec))
    return NotFound(from + ": no such blob");
  std::filesystem::copy_file(
      from, path, std::filesystem::copy_options::overwrite_existing, ec);
  if (ec) return IoError("copy " + from + " to " + path + ": " + ec.message());
  return Status::Ok();
}

Status LocalBackend::Write(const std::string& media_type,
                           const std::string& manifest_json,
                           const std::vector<BlobFile>& blobs) {
  ASSIGN_OR_RETURN(oci::ImageLayout layout, oci::ImageLayout::Open(dir_));
  for (const BlobFile& b : blobs) {
    RETURN_IF_ERROR(layout.AddBlobFile(b.descriptor.digest, b.path));
  }
  RETURN_IF_ERROR(layout
                      .AddManifest(manifest_json, media_type, tag_, std::nullopt)
                      .status());
  return layout.Commit();
}

}  // namespace mybuild::remote_cache
