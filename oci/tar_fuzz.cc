// libFuzzer target for the layer tar reader and unpacker: the input is a
// layer blob (tar, tar+gzip or tar+zstd). Every entry is read through
// LayerReader, then the blob is unpacked into a fresh directory, with small
// limits so no input can fill the disk. Besides memory errors (ASan), it
// checks that nothing lands outside the target directory.
#include <fcntl.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <string_view>

#include "base/fd.h"
#include "base/temp_dir.h"
#include "oci/layer_reader.h"
#include "oci/unpack.h"

namespace {

using mybuild::oci::LayerReader;
using mybuild::oci::TarLimits;

void ReadAll(const std::string& blob, const TarLimits& limits) {
  auto r = LayerReader::Open(blob, limits);
  if (!r.ok()) return;
  char buf[4096];
  while (true) {
    auto e = r->Next();
    if (!e.ok() || !*e) return;
    while (true) {
      auto n = r->Read(buf, sizeof buf);
      if (!n.ok() || *n == 0) break;
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto dir = mybuild::TempDir::Create();
  if (!dir.ok()) std::abort();
  const std::string blob = dir->path() + "/blob", target = dir->path() + "/t";
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  {  // no fsync: WriteFileAtomic's would cost most of each run
    auto fd = mybuild::OpenFile(blob, O_WRONLY | O_CREAT | O_EXCL, 0600);
    if (!fd.ok() || !mybuild::WriteAll(fd->get(), bytes, blob).ok()) {
      std::abort();
    }
  }
  if (!mybuild::MakeDirs(target).ok()) std::abort();
  TarLimits limits;
  limits.max_entries = 1000;
  limits.max_bytes = 8 << 20;
  ReadAll(blob, limits);
  (void)mybuild::oci::UnpackLayer(blob, target,
                                  mybuild::oci::UnpackMode::kApply, limits);
  // Only the blob and the target may exist beside each other.
  int n = 0;
  for (const auto& e : std::filesystem::directory_iterator(dir->path())) {
    (void)e;
    ++n;
  }
  if (n != 2) std::abort();
  return 0;
}
