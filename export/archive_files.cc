#include "export/archive_files.h"

#include <fcntl.h>
#include <unistd.h>

#include <filesystem>

#include "base/fd.h"
#include "base/sha256.h"
#include "oci/media_types.h"

namespace mybuild::exporter {
namespace {

namespace fs = std::filesystem;
namespace media = oci::media;

Expected<oci::Digest> HashFile(const std::string& path) {
  ASSIGN_OR_RETURN(UniqueFd fd, OpenFile(path, O_RDONLY));
  Sha256 hash;
  std::string buf(1 << 20, '\0');
  while (true) {
    ssize_t n = ::read(fd.get(), buf.data(), buf.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return SysError("read", path, errno);
    if (n == 0) break;
    hash.Update(buf.data(), static_cast<size_t>(n));
  }
  return oci::Digest::Parse("sha256:" + hash.HexDigest());
}

}  // namespace

Expected<std::string> ArchiveFiles::File(const std::string& name) const {
  std::error_code ec;
  fs::path real = fs::canonical(fs::path(dir) / name, ec);
  std::string root = fs::canonical(dir).string() + "/";
  if (ec || real.string().rfind(root, 0) != 0 || !fs::is_regular_file(real)) {
    return InvalidArgument("archive \"" + archive + "\": no file \"" + name + "\" in it");
  }
  return real.string();
}

Expected<oci::Descriptor> StoreFile(cache::BlobStore& blobs, const std::string& path,
                                    const std::string& media_type) {
  oci::Descriptor d;
  d.media_type = media_type;
  ASSIGN_OR_RETURN(d.digest, HashFile(path));
  d.size = static_cast<int64_t>(fs::file_size(path));
  if (blobs.Has(d.digest)) return d;
  ASSIGN_OR_RETURN(std::string tmp, blobs.NewTempPath());
  std::error_code ec;
  fs::copy_file(path, tmp, fs::copy_options::overwrite_existing, ec);
  if (ec) return IoError("copy \"" + path + "\": " + ec.message());
  RETURN_IF_ERROR(blobs.Commit(tmp, d.digest));
  return d;
}

Expected<std::string> LayerType(const std::string& path) {
  ASSIGN_OR_RETURN(UniqueFd fd, OpenFile(path, O_RDONLY));
  unsigned char magic[4] = {};
  ssize_t n = ::read(fd.get(), magic, sizeof magic);
  if (n >= 2 && magic[0] == 0x1f && magic[1] == 0x8b) return std::string(media::kOciLayerGzip);
  if (n == 4 && magic[0] == 0x28 && magic[1] == 0xb5 && magic[2] == 0x2f && magic[3] == 0xfd) {
    return std::string(media::kOciLayerZstd);
  }
  return std::string(media::kOciLayer);
}

}  // namespace mybuild::exporter
