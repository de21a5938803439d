#include "export/rootfs_export.h"

#include <archive.h>
#include <archive_entry.h>

#include "base/fd.h"
#include "cache/scratch_dir.h"
#include "export/tar_writer.h"
#include "oci/unpack.h"
#include "cache/lazy_layers.h"

namespace mybuild::exporter {
namespace {

// Writes every entry under `dir` (not `dir` itself) into `tar`, named
// relative to `dir`.
Status TarTree(const std::string& dir, TarWriter& tar) {
  struct archive* disk = archive_read_disk_new();
  archive_read_disk_set_symlink_physical(disk);
  struct archive_entry* e = archive_entry_new();
  Status st = Status::Ok();
  if (archive_read_disk_open(disk, dir.c_str()) != ARCHIVE_OK) {
    st = IoError("read \"" + dir + "\": " + archive_error_string(disk));
  }
  while (st.ok()) {
    int rc = archive_read_next_header2(disk, e);
    if (rc == ARCHIVE_EOF) break;
    if (rc < ARCHIVE_WARN) {
      st = IoError("read \"" + dir + "\": " + archive_error_string(disk));
      break;
    }
    archive_read_disk_descend(disk);
    std::string source = archive_entry_sourcepath(e);
    std::string name = source.size() > dir.size() ? source.substr(dir.size() + 1) : "";
    if (name.empty()) continue;
    archive_entry_set_pathname(e, name.c_str());
    archive_entry_set_uname(e, nullptr);
    archive_entry_set_gname(e, nullptr);
    st = tar.AddEntry(e, source);
  }
  archive_entry_free(e);
  archive_read_free(disk);
  return st;
}

}  // namespace

Status WriteRootfsDir(const cache::StorePaths& store, const StoredImage& image,
                      const std::string& dest) {
  RETURN_IF_ERROR(MakeDirs(dest));
  for (const oci::Descriptor& l : image.manifest.layers) {
    RETURN_IF_ERROR(cache::MaterializeLayer(store, l.digest));
    RETURN_IF_ERROR(oci::UnpackLayer(store.Blob(l.digest), dest, oci::UnpackMode::kApply));
  }
  return Status::Ok();
}

Status WriteRootfsTar(const cache::StorePaths& store, const StoredImage& image,
                      const std::string& dest) {
  ASSIGN_OR_RETURN(cache::ScratchDir scratch, cache::ScratchDir::Create(store));
  std::string tree = scratch.path() + "/rootfs";
  RETURN_IF_ERROR(WriteRootfsDir(store, image, tree));
  ASSIGN_OR_RETURN(std::unique_ptr<TarWriter> tar, TarWriter::Create(dest));
  RETURN_IF_ERROR(TarTree(tree, *tar));
  RETURN_IF_ERROR(tar->Finish());
  return scratch.Remove();
}

}  // namespace mybuild::exporter
