// The files of an archive being loaded, and putting them into the store.
#pragma once

#include <string>

#include "base/status.h"
#include "cache/blob_store.h"
#include "oci/descriptor.h"

namespace mybuild::exporter {

// An archive's files, extracted where nothing can lead outside.
struct ArchiveFiles {
  std::string dir;
  std::string archive;  // for messages

  // The regular file `name` of the archive. Fails with kInvalidArgument
  //   archive "x.tar": no file "blobs/sha256/ab" in it
  // when it is missing or a symlink leads it outside the archive.
  Expected<std::string> File(const std::string& name) const;
};

// Puts a copy of the file at `path` into `blobs` (unless a blob with its
// digest is there) and describes it as `media_type`. Fails with the read,
// copy or commit error.
Expected<oci::Descriptor> StoreFile(cache::BlobStore& blobs, const std::string& path,
                                    const std::string& media_type);

// The OCI layer media type for a blob's first bytes: gzip, zstd or tar.
Expected<std::string> LayerType(const std::string& path);

}  // namespace mybuild::exporter
