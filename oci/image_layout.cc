#include "oci/image_layout.h"

#include <sys/stat.h>

#include "base/fd.h"
#include "base/sha256.h"
#include "oci/image_config.h"
#include "oci/media_types.h"

namespace mybuild::oci {
namespace {

constexpr std::string_view kLayoutFile = R"({"imageLayoutVersion":"1.0.0"})";

bool Exists(const std::string& path) {
  struct stat st;
  return ::lstat(path.c_str(), &st) == 0;
}

// Copies `from` to `to` through `to`.tmp, failing unless the bytes hash to
// `want`.
Status CopyVerified(const std::string& from, const std::string& to,
                    const Digest& want) {
  ASSIGN_OR_RETURN(UniqueFd in, OpenFile(from, O_RDONLY));
  std::string tmp = to + ".tmp";
  ASSIGN_OR_RETURN(UniqueFd out, OpenFile(tmp, O_WRONLY | O_CREAT | O_TRUNC));
  Sha256 hash;
  std::string buf(1 << 20, '\0');
  while (true) {
    ssize_t n = ::read(in.get(), buf.data(), buf.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return SysError("read", from, errno);
    if (n == 0) break;
    hash.Update(buf.data(), n);
    RETURN_IF_ERROR(WriteAll(out.get(), std::string_view(buf.data(), n), tmp));
  }
  std::string got = "sha256:" + hash.HexDigest();
  if (got != want.str()) {
    ::unlink(tmp.c_str());
    return InvalidArgument("blob \"" + from + "\" has digest " + got +
                           ", not " + want.str());
  }
  if (::fsync(out.get()) != 0) return SysError("fsync", tmp, errno);
  if (::rename(tmp.c_str(), to.c_str()) != 0) {
    return SysError("rename", tmp, errno);
  }
  return Status::Ok();
}

}  // namespace

Expected<ImageLayout> ImageLayout::Open(const std::string& dir) {
  ImageLayout layout(dir);
  RETURN_IF_ERROR(MakeDirs(dir + "/blobs/sha256"));
  std::string marker = dir + "/oci-layout";
  if (!Exists(marker)) RETURN_IF_ERROR(WriteFileAtomic(marker, kLayoutFile));
  std::string index = dir + "/index.json";
  if (!Exists(index)) {
    layout.index_.media_type = std::string(media::kOciIndex);
    return layout;
  }
  ASSIGN_OR_RETURN(std::string text, ReadFile(index));
  auto parsed = ImageIndex::FromJson(text);
  if (!parsed.ok()) return parsed.status().WithPrefix(index);
  layout.index_ = std::move(parsed).value();
  return layout;
}

std::string ImageLayout::BlobPath(const Digest& d) const {
  return dir_ + "/blobs/sha256/" + std::string(d.hex());
}

Status ImageLayout::AddBlobFile(const Digest& digest, const std::string& path) {
  std::string to = BlobPath(digest);
  if (Exists(to)) return Status::Ok();
  if (::link(path.c_str(), to.c_str()) == 0) return Status::Ok();
  return CopyVerified(path, to, digest);
}

Expected<Digest> ImageLayout::AddBlob(std::string_view bytes) {
  Digest d = Digest::Of(bytes);
  std::string to = BlobPath(d);
  if (!Exists(to)) RETURN_IF_ERROR(WriteFileAtomic(to, bytes));
  return d;
}

Expected<Descriptor> ImageLayout::AddManifest(
    std::string_view manifest_json, std::string_view media_type,
    const std::string& tag, const std::optional<Platform>& platform) {
  Descriptor d;
  ASSIGN_OR_RETURN(d.digest, AddBlob(manifest_json));
  d.media_type = std::string(media_type);
  d.size = static_cast<int64_t>(manifest_json.size());
  d.platform = platform;
  if (!tag.empty()) d.annotations[kRefNameAnnotation] = tag;
  AddIndexEntry(d);
  return d;
}

void ImageLayout::AddIndexEntry(const Descriptor& d) {
  auto want = d.annotations.find(kRefNameAnnotation);
  std::erase_if(index_.manifests, [&](const Descriptor& e) {
    auto it = e.annotations.find(kRefNameAnnotation);
    return want != d.annotations.end() && it != e.annotations.end() &&
           it->second == want->second;
  });
  index_.manifests.push_back(d);
}

Expected<Descriptor> ImageLayout::Find(const std::string& tag) const {
  for (const Descriptor& d : index_.manifests) {
    auto it = d.annotations.find(kRefNameAnnotation);
    if (it != d.annotations.end() && it->second == tag) return d;
  }
  return NotFound("no image tagged \"" + tag + "\" in layout \"" + dir_ + "\"");
}

Status ImageLayout::Commit() {
  RETURN_IF_ERROR(WriteFileAtomic(dir_ + "/index.json", index_.ToJson()));
  return SyncDir(dir_);
}

Expected<Descriptor> WriteImageLayout(const std::string& dir,
                                      std::string_view manifest_json,
                                      const BlobLocator& locate,
                                      const std::string& tag) {
  ASSIGN_OR_RETURN(Manifest m, Manifest::FromJson(manifest_json));
  ASSIGN_OR_RETURN(ImageLayout layout, ImageLayout::Open(dir));
  ASSIGN_OR_RETURN(std::string config_path, locate(m.config.digest));
  RETURN_IF_ERROR(layout.AddBlobFile(m.config.digest, config_path));
  for (const Descriptor& l : m.layers) {
    ASSIGN_OR_RETURN(std::string path, locate(l.digest));
    RETURN_IF_ERROR(layout.AddBlobFile(l.digest, path));
  }
  ASSIGN_OR_RETURN(std::string config_text, ReadFile(config_path));
  ASSIGN_OR_RETURN(ImageConfig config, ImageConfig::FromJson(config_text));
  Platform p{config.os, config.architecture, config.variant, config.os_version,
             {}};
  ASSIGN_OR_RETURN(Descriptor d,
                   layout.AddManifest(manifest_json, m.media_type, tag, p));
  RETURN_IF_ERROR(layout.Commit());
  return d;
}

}  // namespace mybuild::oci
