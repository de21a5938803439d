// Times layer compression as a build does it: uncompressed tar bytes are
// written to oci::BlobSink in 64 KiB pieces; the sink gzips them, hashes
// both sides and writes the blob to a file in $TMPDIR, which Finish fsyncs.
// Two inputs of MB megabytes (default 50): incompressible bytes (a large
// binary or an already-compressed archive) and source-like text. Prints the
// best of three rounds as MB/s of uncompressed input, and the ratio.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "base/temp_dir.h"
#include "bench/compress/corpus.h"
#include "oci/blob_sink.h"

namespace {

using mybuild::Expected;
using mybuild::oci::BlobSink;
using mybuild::oci::LayerBlob;

Expected<LayerBlob> Compress(const std::string& path, const std::string& in,
                             int level) {
  auto sink = BlobSink::Create(path, level);
  if (!sink.ok()) return sink.status();
  constexpr size_t kPiece = 64 * 1024;
  for (size_t off = 0; off < in.size(); off += kPiece) {
    size_t n = std::min(kPiece, in.size() - off);
    auto st = sink->Write(in.data() + off, n);
    if (!st.ok()) return st;
  }
  return sink->Finish();
}

// Best-of-three seconds; *blob_size gets the compressed size.
double BestSeconds(const std::string& path, const std::string& in, int level,
                   int64_t* blob_size) {
  double best = 1e9;
  for (int round = 0; round < 3; ++round) {
    auto start = std::chrono::steady_clock::now();
    auto blob = Compress(path, in, level);
    std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
    if (!blob.ok()) {
      std::fprintf(stderr, "%s\n", blob.status().message().c_str());
      std::exit(1);
    }
    *blob_size = blob->size;
    best = std::min(best, took.count());
  }
  return best;
}

void Report(const char* corpus, const char* variant, const std::string& path,
            const std::string& in, int level) {
  int64_t blob_size = 0;
  double s = BestSeconds(path, in, level, &blob_size);
  std::printf("%-15s %-22s %8.1f MB/s  %6.3f s  ratio %5.3f\n", corpus, variant,
              in.size() / 1e6 / s, s,
              static_cast<double>(blob_size) / static_cast<double>(in.size()));
}

}  // namespace

int main(int argc, char** argv) {
  size_t mb = argc > 1 ? std::strtoul(argv[1], nullptr, 10) : 50;
  auto dir = mybuild::TempDir::Create();
  if (!dir.ok()) {
    std::fprintf(stderr, "%s\n", dir.status().message().c_str());
    return 1;
  }
  std::string path = dir->path() + "/blob";
  struct Corpus {
    const char* name;
    std::string bytes;
  };
  Corpus corpora[] = {
      {"incompressible", mybuild::bench::IncompressibleBytes(mb * 1000000)},
      {"source-text", mybuild::bench::SourceLikeText(mb * 1000000)},
  };
  std::printf("%zu MB per input, best of 3 rounds\n", mb);
  for (const Corpus& c : corpora) {
    Report(c.name, "BlobSink gzip -6", path, c.bytes, 6);
    Report(c.name, "BlobSink uncompressed", path, c.bytes, 0);
  }
  return 0;
}
