// Writes a layer tar (PAX, deterministic) through gzip to a file, hashing
// the blob and the tar in the same pass. Entries are written in the order
// the caller adds them; see layer_tree.h for whole directory trees.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "base/status.h"
#include "oci/blob_sink.h"
#include "oci/tar_entry.h"

namespace mybuild::oci {

struct LayerWriterOptions {
  int gzip_level = 6;  // 0 = uncompressed tar
  bool sync = true;    // false: Finish leaves the fsync to the caller (BlobSink::SkipSync)
};

class LayerWriter {
 public:
  // Creates (truncates) the blob file at `path`; with `path` empty the
  // layer is only hashed (see BlobSink::Create).
  static Expected<LayerWriter> Create(const std::string& path,
                                      LayerWriterOptions options = {});
  LayerWriter(LayerWriter&&) noexcept;
  LayerWriter& operator=(LayerWriter&&) noexcept;
  ~LayerWriter();

  // Writes a header for `e`. For kFile the content is streamed from
  // `source` (a host path, opened without following symlinks), which must
  // hold exactly e.size bytes: a file that grew or shrank is an error.
  // Headers are ustar with PAX records only where needed (long names, big
  // numbers, xattrs as SCHILY.xattr.*); no atime/ctime; uname/gname only
  // if given. Fails on a malformed path or any write error; after a failure
  // the writer is unusable. A name with a component starting with ".wh."
  // is refused: readers take it for a whiteout, so the file (e.g. COPY'd
  // from a context holding ".wh.x", or made by a RUN) would delete "x" from
  // the layers below instead of existing. The OCI layer format has no
  // escape for such names (BuildKit writes them and ships the whiteout):
  //   layer entry "a/.wh.x": ".wh." names are whiteouts, not files
  // Whiteouts themselves come only from AddWhiteout/AddOpaque.
  Status Add(const TarEntry& e, const std::string& source = "");
  // Same, with the content read from the open file `fd` (from its offset).
  Status AddFromFd(const TarEntry& e, int fd);
  // Same, with the content in memory (small files, tests).
  Status AddBytes(const TarEntry& e, std::string_view content);

  // Adds "<dir>/.wh.<name>" for `path` = "<dir>/<name>": an empty regular
  // file with `like`'s mode bits, owner and mtime (Docker's convention).
  Status AddWhiteout(std::string_view path, const TarEntry& like = {});
  // Adds "<dir>/.wh..wh..opq": `dir` hides what lower layers had in it.
  Status AddOpaque(std::string_view dir, const TarEntry& like = {});

  // Ends the archive, flushes and fsyncs the file (unless !sync). Call once.
  Expected<LayerBlob> Finish();

 private:
  struct Impl;
  explicit LayerWriter(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace mybuild::oci
