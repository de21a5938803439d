// Times layer compression as a build does it: uncompressed tar bytes are
// written to a sink in 64 KiB pieces; the sink gzips them, hashes both
// sides and writes the blob to a file in $TMPDIR, which Finish fsyncs.
// Two inputs of MB megabytes (default 50): incompressible bytes (a large
// binary or an already-compressed archive) and source-like text. Prints,
// for the best of ROUNDS (default 3), MB/s of uncompressed input, wall and
// CPU seconds, and the ratio:
//  - "zlib stream": the sink as it was, one zlib deflate stream (before);
//  - "BlobSink": today's, pigz-style 1 MiB blocks on 1 and N threads;
//  - "pigz", Debian's, when installed: the peer, file to file;
//  - a sweep of block sizes through ParallelGzip alone (no file, no hash).
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <thread>

#include "base/fd.h"
#include "base/temp_dir.h"
#include "bench/compress/corpus.h"
#include "bench/compress/timing.h"
#include "oci/blob_sink.h"
#include "oci/parallel_gzip.h"

namespace mybuild::bench {
namespace {

Expected<int64_t> ViaBlobSink(const std::string& path, const std::string& in,
                              int level, int threads) {
  ASSIGN_OR_RETURN(oci::BlobSink sink,
                   oci::BlobSink::Create(path, level, threads));
  RETURN_IF_ERROR(WriteInPieces(
      in, [&](const char* p, size_t n) { return sink.Write(p, n); }));
  ASSIGN_OR_RETURN(oci::LayerBlob blob, sink.Finish());
  return blob.size;
}

Expected<int64_t> ViaParallelGzip(const std::string& in, int threads,
                                  size_t block) {
  int64_t size = 0;
  ASSIGN_OR_RETURN(
      oci::ParallelGzip gz,
      oci::ParallelGzip::Create({6, threads, block}, [&](std::string_view b) {
        size += static_cast<int64_t>(b.size());
        return Status::Ok();
      }));
  RETURN_IF_ERROR(WriteInPieces(
      in, [&](const char* p, size_t n) { return gz.Write(p, n); }));
  RETURN_IF_ERROR(gz.Finish());
  return size;
}

void RunCorpus(const char* name, const std::string& in, const std::string& dir,
               int rounds) {
  const int n =
      static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  const std::string blob = dir + "/blob",
                    n_threads = std::to_string(n) + " threads";
  Bench bench(name, in, rounds);
  bench.Add("zlib stream -6 (before)",
            [&] { return ViaZlibStream(blob, in, 6); });
  bench.Add("BlobSink -6 1 thread",
            [&] { return ViaBlobSink(blob, in, 6, 1); });
  bench.Add("BlobSink -6 " + n_threads,
            [&] { return ViaBlobSink(blob, in, 6, 0); });
  bench.Add("BlobSink -1 " + n_threads,
            [&] { return ViaBlobSink(blob, in, 1, 0); });
  bench.Add("BlobSink uncompressed",
            [&] { return ViaBlobSink(blob, in, 0, 0); });
  if (PigzInstalled() && WriteFileAtomic(dir + "/input", in).ok()) {
    bench.Add("pigz -6 -p " + std::to_string(n),
              [&] { return ViaPigz(dir + "/input", blob, n); });
  }
  for (size_t kib : {128, 256, 1024, 4096}) {
    bench.Add("blocks only, " + std::to_string(kib) + " KiB",
              [&, kib] { return ViaParallelGzip(in, n, kib * 1024); });
  }
  bench.Run();
}

}  // namespace
}  // namespace mybuild::bench

int main(int argc, char** argv) {
  using namespace mybuild::bench;
  size_t mb = argc > 1 ? std::strtoul(argv[1], nullptr, 10) : 50;
  int rounds = argc > 2 ? std::atoi(argv[2]) : 3;
  auto dir = mybuild::TempDir::Create();
  if (!dir.ok()) {
    std::fprintf(stderr, "%s\n", dir.status().message().c_str());
    return 1;
  }
  std::printf("%zu MB per input, %u hardware threads, best of %d rounds\n", mb,
              std::thread::hardware_concurrency(), rounds);
  RunCorpus("incompressible", IncompressibleBytes(mb * 1000000), dir->path(),
            rounds);
  RunCorpus("source-text", SourceLikeText(mb * 1000000), dir->path(), rounds);
  return 0;
}
