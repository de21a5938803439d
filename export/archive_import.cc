#include "export/archive_import.h"

#include <fcntl.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include "base/fd.h"
#include "cache/blob_store.h"
#include "cache/image_store.h"
#include "cache/scratch_dir.h"
#include "executor/archive_extract.h"
#include "export/archive_files.h"
#include "oci/manifest.h"
#include "oci/media_types.h"
#include "oci/platform_match.h"
#include "oci/reference.h"

namespace mybuild::exporter {
namespace {

namespace media = oci::media;

Expected<LoadedImage> LoadDockerEntry(cache::BlobStore& blobs, const ArchiveFiles& u,
                                      const nlohmann::json& entry) {
  oci::Manifest m;
  m.media_type = std::string(media::kOciManifest);
  ASSIGN_OR_RETURN(std::string config, u.File(entry.value("Config", "")));
  ASSIGN_OR_RETURN(m.config, StoreFile(blobs, config, std::string(media::kOciConfig)));
  for (const nlohmann::json& l : entry.value("Layers", nlohmann::json::array())) {
    ASSIGN_OR_RETURN(std::string path, u.File(l.is_string() ? l.get<std::string>() : ""));
    ASSIGN_OR_RETURN(std::string type, LayerType(path));
    ASSIGN_OR_RETURN(oci::Descriptor d, StoreFile(blobs, path, type));
    m.layers.push_back(std::move(d));
  }
  LoadedImage out;
  out.config = m.config.digest;
  ASSIGN_OR_RETURN(out.manifest, blobs.Put(m.ToJson()));
  for (const nlohmann::json& t : entry.value("RepoTags", nlohmann::json::array())) {
    if (!t.is_string()) continue;
    ASSIGN_OR_RETURN(oci::ImageReference ref, oci::ImageReference::Parse(t.get<std::string>()));
    out.names.push_back(ref.str());
  }
  return out;
}

// The name an OCI index entry gives its image, if any.
std::vector<std::string> OciNames(const oci::Descriptor& d) {
  for (const char* key : {"io.containerd.image.name", "org.opencontainers.image.ref.name"}) {
    auto it = d.annotations.find(key);
    if (it == d.annotations.end()) continue;
    if (it->second.find_first_of(":/@") == std::string::npos) continue;  // a bare tag
    auto ref = oci::ImageReference::Parse(it->second);
    if (ref.ok()) return {ref->str()};
  }
  return {};
}

Expected<LoadedImage> LoadOciEntry(cache::BlobStore& blobs, const ArchiveFiles& u,
                                   oci::Descriptor d) {
  auto blob = [&](const oci::Digest& digest) {
    return u.File("blobs/sha256/" + std::string(digest.hex()));
  };
  ASSIGN_OR_RETURN(std::string path, blob(d.digest));
  ASSIGN_OR_RETURN(std::string text, ReadFile(path));
  while (media::IsIndex(d.media_type)) {  // the platform we build for
    ASSIGN_OR_RETURN(oci::ImageIndex index, oci::ImageIndex::FromJson(text));
    Expected<oci::Descriptor> chosen = oci::SelectManifest(index, oci::DefaultPlatform());
    if (!chosen.ok()) return chosen.status().WithPrefix("archive \"" + u.archive + "\"");
    d = *chosen;
    ASSIGN_OR_RETURN(path, blob(d.digest));
    ASSIGN_OR_RETURN(text, ReadFile(path));
  }
  ASSIGN_OR_RETURN(oci::Manifest m, oci::Manifest::FromJson(text));
  for (const oci::Descriptor& b : m.layers) {
    ASSIGN_OR_RETURN(std::string p, blob(b.digest));
    RETURN_IF_ERROR(StoreFile(blobs, p, b.media_type).status());
  }
  ASSIGN_OR_RETURN(std::string config, blob(m.config.digest));
  RETURN_IF_ERROR(StoreFile(blobs, config, m.config.media_type).status());
  LoadedImage out;
  out.config = m.config.digest;
  ASSIGN_OR_RETURN(out.manifest, blobs.Put(text));
  return out;
}

Expected<std::vector<LoadedImage>> LoadImages(cache::BlobStore& blobs, const ArchiveFiles& u) {
  std::vector<LoadedImage> out;
  if (Expected<std::string> docker = u.File("manifest.json"); docker.ok()) {
    ASSIGN_OR_RETURN(std::string text, ReadFile(*docker));
    nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
    if (!j.is_array()) {
      return InvalidArgument("archive \"" + u.archive + "\": manifest.json is not a list");
    }
    for (const nlohmann::json& e : j) {
      if (!e.is_object()) continue;
      ASSIGN_OR_RETURN(LoadedImage image, LoadDockerEntry(blobs, u, e));
      out.push_back(std::move(image));
    }
    return out;
  }
  Expected<std::string> index_file = u.File("index.json");
  if (!index_file.ok()) {
    return InvalidArgument("archive \"" + u.archive +
                           "\": neither a docker archive (manifest.json) nor an OCI one "
                           "(index.json)");
  }
  ASSIGN_OR_RETURN(std::string text, ReadFile(*index_file));
  ASSIGN_OR_RETURN(oci::ImageIndex index, oci::ImageIndex::FromJson(text));
  for (const oci::Descriptor& d : index.manifests) {
    ASSIGN_OR_RETURN(LoadedImage image, LoadOciEntry(blobs, u, d));
    image.names = OciNames(d);
    out.push_back(std::move(image));
  }
  return out;
}

// Copies stdin to `to`.
Status CopyStdin(const std::string& to) {
  ASSIGN_OR_RETURN(UniqueFd out, OpenFile(to, O_WRONLY | O_CREAT | O_TRUNC, 0600));
  std::string buf(1 << 20, '\0');
  while (true) {
    ssize_t n = ::read(STDIN_FILENO, buf.data(), buf.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return SysError("read", "-", errno);
    if (n == 0) return Status::Ok();
    RETURN_IF_ERROR(WriteAll(out.get(), std::string_view(buf.data(), n), to));
  }
}

}  // namespace

Expected<std::vector<LoadedImage>> LoadArchive(const cache::StorePaths& store,
                                               const std::string& path,
                                               const std::string& created) {
  ASSIGN_OR_RETURN(cache::BlobStore blobs, cache::BlobStore::Open(store));
  ASSIGN_OR_RETURN(cache::ScratchDir scratch, cache::ScratchDir::Create(store));
  std::string archive = path;
  if (path == "-") {
    archive = scratch.path() + "/stdin.tar";
    RETURN_IF_ERROR(CopyStdin(archive));
  }
  ArchiveFiles u{scratch.path() + "/files", path == "-" ? "stdin" : path};
  RETURN_IF_ERROR(MakeDirs(u.dir));
  RETURN_IF_ERROR(executor::ExtractArchive(archive, u.dir, std::nullopt, std::nullopt));
  ASSIGN_OR_RETURN(std::vector<LoadedImage> images, LoadImages(blobs, u));
  cache::ImageStore tags(store);
  for (const LoadedImage& i : images) {
    for (const std::string& n : i.names) RETURN_IF_ERROR(tags.Tag(n, i.manifest, created));
  }
  RETURN_IF_ERROR(scratch.Remove());
  return images;
}

}  // namespace mybuild::exporter
