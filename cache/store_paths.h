// Every on-disk path of the state directory (--root), in one place. The
// layout is documented in docs/cache-format.md.
#pragma once

#include <string>

#include "oci/digest.h"

namespace mybuild::cache {

class StorePaths {
 public:
  explicit StorePaths(std::string root) : root_(std::move(root)) {}

  const std::string& root() const { return root_; }
  // blobs/sha256/<hex>: layers, configs and manifests, by digest.
  std::string BlobsDir() const { return root_ + "/blobs/sha256"; }
  std::string Blob(const oci::Digest& d) const {
    return BlobsDir() + "/" + std::string(d.hex());
  }
  // lazy/<hex>: a layer blob not written yet, to be made from
  // snapshots/<hex> when first read (lazy_layers.h).
  std::string LazyDir() const { return root_ + "/lazy"; }
  std::string Lazy(const oci::Digest& d) const {
    return LazyDir() + "/" + std::string(d.hex());
  }
  // snapshots/<diff_id hex>: a layer unpacked as an overlayfs lower dir.
  std::string SnapshotsDir() const { return root_ + "/snapshots"; }
  std::string Snapshot(const oci::Digest& diff_id) const {
    return SnapshotsDir() + "/" + std::string(diff_id.hex());
  }
  // verified/<hex>: the stat of blob <hex> when it last hashed right, so a
  // use need not hash it again while the file is unchanged (blob_verify.h).
  std::string VerifiedDir() const { return root_ + "/verified"; }
  std::string Verified(const oci::Digest& d) const {
    return VerifiedDir() + "/" + std::string(d.hex());
  }
  // sizes/<hex>: the unpacked size of layer blob <hex> in decimal, so
  // `images` and `history` read each layer once. Written atomically;
  // removed with the blob.
  std::string SizesDir() const { return root_ + "/sizes"; }
  std::string LayerSize(const oci::Digest& d) const {
    return SizesDir() + "/" + std::string(d.hex());
  }
  // variants/<hex>/<kind>: the digest (text) of layer blob <hex> as an
  // export recompressed it ("gzip-6", "zstd-3", "tar"), so the next export
  // asking the same reuses that blob while it exists; "epoch-N" holds
  // "<blob digest> <diff_id>" of the layer as rewrite-timestamp wrote it.
  std::string VariantsRoot() const { return root_ + "/variants"; }
  std::string VariantsDir(const oci::Digest& layer) const {
    return VariantsRoot() + "/" + std::string(layer.hex());
  }
  std::string Variant(const oci::Digest& layer, const std::string& kind) const {
    return VariantsDir(layer) + "/" + kind;
  }
  // quarantine/<hex>: a blob found damaged, moved aside so nothing uses it.
  std::string QuarantineDir() const { return root_ + "/quarantine"; }
  std::string Quarantined(const oci::Digest& d) const {
    return QuarantineDir() + "/" + std::string(d.hex());
  }
  // steps/<key hex>.json: what a cached build step produced.
  std::string StepsDir() const { return root_ + "/steps"; }
  std::string Step(const std::string& key_hex) const {
    return StepsDir() + "/" + key_hex + ".json";
  }
  // inputs/<key hex>.json: the named inputs of the step recipe with that
  // key, so a later build can say what changed (--explain).
  std::string InputsDir() const { return root_ + "/inputs"; }
  std::string Inputs(const std::string& key_hex) const {
    return InputsDir() + "/" + key_hex + ".json";
  }
  // history/<build hex>.json: for one context and Dockerfile, the key each
  // step had in its last build.
  std::string HistoryDir() const { return root_ + "/history"; }
  std::string History(const std::string& build_hex) const {
    return HistoryDir() + "/" + build_hex + ".json";
  }
  // images.json: tag -> manifest digest.
  std::string ImagesFile() const { return root_ + "/images.json"; }
  // locks/<key hex>.lock: flock()ed by the build running that step, so a
  // second build missing the same key waits for the first and reuses its
  // result instead of running the step again.
  std::string LocksDir() const { return root_ + "/locks"; }
  std::string StepLock(const std::string& key_hex) const {
    return LocksDir() + "/" + key_hex + ".lock";
  }
  // contexts/<hex>.stat: the stat cache of one build context directory
  // (hex: SHA-256 of its absolute path), see stat_cache.h.
  std::string ContextsDir() const { return root_ + "/contexts"; }
  std::string ContextCache(const std::string& context_hex) const {
    return ContextsDir() + "/" + context_hex + ".stat";
  }
  // tmp/: scratch space on the same filesystem, so results can be renamed
  // into place. Emptied when the store opens with no build running. Each
  // build works in its own tmp/build-XXXXXX (cache/scratch_dir.h): the
  // StorePaths it uses, made WithTmpDir, names that as its TmpDir().
  std::string TmpDir() const { return tmp_.empty() ? root_ + "/tmp" : tmp_; }
  StorePaths WithTmpDir(std::string dir) const {
    StorePaths p = *this;
    p.tmp_ = std::move(dir);
    return p;
  }
  // tmp/.lock: every build holds a shared flock on it while it runs;
  // `prune` takes it exclusively, so it never removes what a build uses.
  std::string BuildLock() const { return root_ + "/tmp/.lock"; }
  // lock: flock()ed while the image index is rewritten.
  std::string LockFile() const { return root_ + "/lock"; }

 private:
  std::string root_;
  std::string tmp_;  // "": root_/tmp
};

}  // namespace mybuild::cache
