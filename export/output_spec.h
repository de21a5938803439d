// What `-o/--output` asks for, as `docker buildx build` spells it:
//   type=oci,dest=DIR|FILE|-   type=docker,dest=FILE|-   type=local,dest=DIR
//   type=tar,dest=FILE|-       type=image[,name=N[,push=true]]   type=registry
// plus the options compression=gzip|zstd|uncompressed, compression-level=N,
// force-compression=true, oci-mediatypes=true|false, rewrite-timestamp=true
// and source-date-epoch=N. Parsing is pure.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"

namespace mybuild::exporter {

enum class OutputType { kOci, kDocker, kLocal, kTar, kImage, kRegistry };

enum class LayerCompression { kGzip, kZstd, kUncompressed };

// How the layers and manifest of an exported image are written.
struct LayerOptions {
  LayerCompression compression = LayerCompression::kGzip;
  std::optional<int> level;    // compression-level: gzip 0-9 (kDefaultGzipLevel), zstd 1-22 (3)
  bool force = false;          // force-compression: recompress layers already so compressed
  std::optional<bool> oci_mediatypes;  // unset: as the image was built
  bool operator==(const LayerOptions&) const = default;
};

struct OutputSpec {
  OutputType type = OutputType::kImage;
  std::string dest;                // "" when not given; "-" is stdout
  std::vector<std::string> names;  // name=, comma or repeated; "" -> the -t tags
  bool push = false;               // push=true (type=image); type=registry always
  LayerOptions layers;
  // rewrite-timestamp=true: layers the build made get no mtime later than
  // the epoch (source-date-epoch=N, else the build's SOURCE_DATE_EPOCH).
  bool rewrite_timestamp = false;
  std::optional<int64_t> source_date_epoch;  // source-date-epoch=N
  bool operator==(const OutputSpec&) const = default;
};

// Parses one -o value. A bare word ("out", "-") is type=local,dest=WORD as
// buildx reads it, except "-" which is type=tar,dest=-. Fails with
// kInvalidArgument, e.g.
//   invalid --output "type=tra": unknown type "tra" (did you mean tar?)
//   invalid --output "type=oci": dest is required for type=oci
//   invalid --output "type=oci,dest=x,compression=lz4": compression must be gzip, zstd or uncompressed
Expected<OutputSpec> ParseOutput(const std::string& value);

// "oci", "docker", ...: the type as -o spells it.
const char* OutputTypeName(OutputType t);

}  // namespace mybuild::exporter
