#include "cache/snapshot_store.h"

#include <stdlib.h>
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <thread>
#include <vector>

#include "base/fd.h"
#include "base/parallel.h"
#include "oci/unpack.h"

namespace mybuild::cache {

bool SnapshotStore::Has(const oci::Digest& diff_id) const {
  struct stat st;
  return ::stat(Path(diff_id).c_str(), &st) == 0;
}

Expected<std::string> SnapshotStore::NewTempDir() const {
  RETURN_IF_ERROR(MakeDirs(paths_.TmpDir()));
  std::string tmpl = paths_.TmpDir() + "/snap-XXXXXX";
  std::vector<char> buf(tmpl.begin(), tmpl.end());
  buf.push_back('\0');
  if (::mkdtemp(buf.data()) == nullptr) return SysError("mkdtemp", tmpl, errno);
  // mkdtemp makes it 0700; a layer's root directory is the image's "/".
  ::chmod(buf.data(), 0755);
  return std::string(buf.data());
}

Status SnapshotStore::Adopt(const std::string& dir,
                            const oci::Digest& diff_id) {
  RETURN_IF_ERROR(MakeDirs(paths_.SnapshotsDir()));
  if (::rename(dir.c_str(), Path(diff_id).c_str()) == 0) {
    return SyncDir(paths_.SnapshotsDir());
  }
  int err = errno;
  if ((err == EEXIST || err == ENOTEMPTY) && Has(diff_id)) {
    return RemoveAll(dir);
  }
  return SysError("rename", Path(diff_id), err);
}

}  // namespace mybuild::cache

namespace mybuild::cache {

Status SnapshotStore::Ensure(const oci::Digest& diff_id,
                             const std::string& blob_path) {
  if (Has(diff_id)) return Status::Ok();
  ASSIGN_OR_RETURN(std::string dir, NewTempDir());
  Status st = oci::UnpackLayer(blob_path, dir, oci::UnpackMode::kOverlayLower);
  if (!st.ok()) {
    (void)RemoveAll(dir);
    return st.WithPrefix("unpack " + blob_path);
  }
  return Adopt(dir, diff_id);
}

Status SnapshotStore::EnsureAll(const std::vector<Layer>& layers, int workers,
                                const UnpackReport& report) {
  if (workers <= 0) workers = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  return RunParallel(layers.size(), workers, [&](size_t i) -> Status {
    if (Has(layers[i].diff_id)) return Status::Ok();
    if (report) report(i, false);
    RETURN_IF_ERROR(Ensure(layers[i].diff_id, layers[i].blob_path));
    if (report) report(i, true);
    return Status::Ok();
  });
}

}  // namespace mybuild::cache
