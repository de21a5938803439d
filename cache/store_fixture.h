// Test fixture: a small store with one tagged image (its layer made by a
// step record), one untagged step result, a pulled base blob nobody
// references, and a damaged record. Sizes are known so tests can assert
// exact accounting.
#pragma once

#include <sys/stat.h>

#include <memory>
#include <string>

#include "base/fd.h"
#include "base/temp_dir.h"
#include "cache/blob_store.h"
#include "cache/image_store.h"
#include "cache/step_index.h"
#include "oci/image_config.h"
#include "oci/manifest.h"

namespace mybuild::cache::testing {

struct StoreFixture {
  std::unique_ptr<TempDir> dir;
  std::unique_ptr<StorePaths> paths;
  oci::Digest tagged_layer, tagged_diff, config, manifest;
  oci::Digest loose_layer, loose_diff, base_blob;
  std::string tagged_key = std::string(64, '1'), loose_key = std::string(64, '2'),
              damaged_key = std::string(64, '3');

  // Sets a file's mtime (and so "last used") to `t`.
  void Age(const std::string& path, std::time_t t) {
    struct timespec ts[2] = {{t, 0}, {t, 0}};
    ::utimensat(AT_FDCWD, path.c_str(), ts, AT_SYMLINK_NOFOLLOW);
  }

  Status Make() {
    ASSIGN_OR_RETURN(TempDir d, TempDir::Create());
    dir = std::make_unique<TempDir>(std::move(d));
    paths = std::make_unique<StorePaths>(dir->path() + "/root");
    ASSIGN_OR_RETURN(BlobStore blobs, BlobStore::Open(*paths));
    ASSIGN_OR_RETURN(tagged_layer, blobs.Put(std::string(5000, 't')));
    ASSIGN_OR_RETURN(loose_layer, blobs.Put(std::string(9000, 'l')));
    ASSIGN_OR_RETURN(base_blob, blobs.Put(std::string(3000, 'b')));
    tagged_diff = oci::Digest::Of("tagged tar");
    loose_diff = oci::Digest::Of("loose tar");
    oci::ImageConfig c;
    c.architecture = "amd64";
    c.os = "linux";
    c.diff_ids = {tagged_diff};
    ASSIGN_OR_RETURN(config, blobs.Put(c.ToJson()));
    oci::Manifest m;
    m.media_type = "application/vnd.oci.image.manifest.v1+json";
    m.config.media_type = "application/vnd.oci.image.config.v1+json";
    m.config.digest = config;
    m.config.size = 10;
    oci::Descriptor layer;
    layer.media_type = "application/vnd.oci.image.layer.v1.tar+gzip";
    layer.digest = tagged_layer;
    layer.size = 5000;
    m.layers = {layer};
    ASSIGN_OR_RETURN(manifest, blobs.Put(m.ToJson()));
    RETURN_IF_ERROR(ImageStore(*paths).Tag("docker.io/library/app:1", manifest, "t"));
    StepIndex steps(*paths);
    RETURN_IF_ERROR(steps.Record(tagged_key, {{tagged_layer, tagged_diff, 5000, "gz"}, "", ""}));
    RETURN_IF_ERROR(steps.Record(loose_key, {{loose_layer, loose_diff, 9000, "gz"}, "", ""}));
    RETURN_IF_ERROR(WriteFileAtomic(paths->Step(damaged_key), "{"));
    for (const oci::Digest& diff : {tagged_diff, loose_diff}) {
      RETURN_IF_ERROR(MakeDirs(paths->Snapshot(diff)));
      RETURN_IF_ERROR(WriteFileAtomic(paths->Snapshot(diff) + "/f", std::string(8192, 's')));
    }
    return Status::Ok();
  }
};

}  // namespace mybuild::cache::testing
