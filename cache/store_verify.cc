#include "cache/store_verify.h"

#include <dirent.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <memory>

#include "base/fd.h"
#include "base/sha256.h"
#include "cache/lazy_layers.h"
#include "cache/store_inventory.h"

namespace mybuild::cache {
namespace {

bool IsLeftover(const std::string& name) {
  return !name.empty() && name[0] == '.' && name.find(".tmp") != std::string::npos;
}

class Verifier {
 public:
  Verifier(const StorePaths& paths, bool repair) : paths_(paths), repair_(repair) {}

  Expected<VerifyReport> Run() {
    ASSIGN_OR_RETURN(StoreInventory inv, TakeInventory(paths_));
    for (const auto& [hex, size] : inv.blobs) {
      inv.lazy_blobs.count(hex) ? LazyBlob(hex) : Blob(hex);
    }
    for (const RecordInfo& r : inv.records) Record(r);
    report_.snapshots = static_cast<int>(inv.snapshots.size());
    report_.tags = inv.tags;
    for (const std::string& broken : inv.broken_tags) report_.problems.push_back(broken);
    for (const std::string& dir : {paths_.root(), paths_.BlobsDir(), paths_.StepsDir(),
                                   paths_.InputsDir(), paths_.HistoryDir(), paths_.LazyDir()}) {
      RETURN_IF_ERROR(Leftovers(dir));
    }
    return report_;
  }

 private:
  void Blob(const std::string& hex) {
    ++report_.blobs;
    std::string path = paths_.BlobsDir() + "/" + hex;
    Expected<std::string> actual = Sha256File(path);
    if (actual.ok() && *actual == hex) return;
    report_.problems.push_back("blob sha256:" + hex + ": " +
                               (actual.ok() ? "content hashes to sha256:" + *actual
                                            : actual.status().message()));
    Remove(path);
  }

  // Its bytes come from its snapshot: hash the tar that would be written.
  void LazyBlob(const std::string& hex) {
    ++report_.blobs;
    Expected<oci::Digest> d = oci::Digest::FromHex(hex);
    Status st = d.ok() ? CheckLazyLayer(paths_, *d) : d.status();
    if (st.ok()) return;
    report_.problems.push_back(st.message());
    Remove(paths_.LazyDir() + "/" + hex);
  }

  void Record(const RecordInfo& r) {
    ++report_.records;
    if (r.lookup.state == RecordState::kCorrupt) {
      report_.problems.push_back(r.lookup.detail);
      Remove(paths_.Step(r.key));
    } else if (r.lookup.state == RecordState::kBlobMissing) {
      report_.problems.push_back("step record " + r.key + ": its blob " +
                                 r.lookup.record.layer.digest.str() + " is missing");
      Remove(paths_.Step(r.key));
    }
  }

  Status Leftovers(const std::string& dir) {
    std::unique_ptr<DIR, int (*)(DIR*)> d(::opendir(dir.c_str()), ::closedir);
    if (!d) return errno == ENOENT ? Status::Ok() : SysError("opendir", dir, errno);
    while (struct dirent* e = ::readdir(d.get())) {
      if (!IsLeftover(e->d_name)) continue;
      ++report_.leftovers;
      Remove(dir + "/" + e->d_name);
    }
    return Status::Ok();
  }

  void Remove(const std::string& path) {
    if (repair_ && ::unlink(path.c_str()) == 0) ++report_.repaired;
  }

  const StorePaths& paths_;
  bool repair_;
  VerifyReport report_;
};

}  // namespace

Expected<VerifyReport> VerifyStore(const StorePaths& paths, bool repair) {
  UniqueFd lock;
  if (repair) {  // removing files: wait until no build is running
    RETURN_IF_ERROR(MakeDirs(paths.TmpDir()));
    ASSIGN_OR_RETURN(lock, OpenFile(paths.BuildLock(), O_RDWR | O_CREAT, 0600));
    while (::flock(lock.get(), LOCK_EX) != 0) {
      if (errno != EINTR) return SysError("flock", paths.BuildLock(), errno);
    }
  }
  return Verifier(paths, repair).Run();
}

}  // namespace mybuild::cache
