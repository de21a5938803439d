// One entry of a layer tar, as written by LayerWriter and read by
// LayerReader.
#pragma once

#include <cstdint>
#include <map>
#include <string>

namespace mybuild::oci {

enum class EntryType {
  kFile,
  kDir,
  kSymlink,
  kHardlink,  // link_target names an earlier entry of the same layer
  kCharDevice,
  kBlockDevice,
  kFifo,
};

struct TarEntry {
  // Relative path inside the layer, no leading "/" or "./", no trailing
  // "/" (directories included): "etc/passwd".
  std::string path;
  EntryType type = EntryType::kFile;
  uint32_t mode = 0644;  // permission bits including setuid/setgid/sticky
  uint32_t uid = 0, gid = 0;
  std::string uname, gname;  // written only when set
  int64_t mtime = 0;         // seconds since the epoch
  int64_t size = 0;          // kFile: content length
  std::string link_target;   // kSymlink target, or kHardlink's entry path
  uint32_t dev_major = 0, dev_minor = 0;  // devices
  std::map<std::string, std::string> xattrs;  // "security.capability" ...

  bool operator==(const TarEntry&) const = default;
};

// Whiteout names of the OCI layer format.
inline constexpr char kWhiteoutPrefix[] = ".wh.";
inline constexpr char kOpaqueWhiteout[] = ".wh..wh..opq";

}  // namespace mybuild::oci
