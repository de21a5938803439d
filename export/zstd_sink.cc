#include "export/zstd_sink.h"

#include <fcntl.h>
#include <unistd.h>
#include <zstd.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstring>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "base/fd.h"
#include "base/sha256.h"
#include "oci/media_types.h"

namespace mybuild::exporter {
namespace {

// One piece of libzstd's output.
struct Chunk {
  std::unique_ptr<char[]> data;
  size_t size = 0;
};

// Hashes and writes the compressed stream on two threads of their own (one
// hashes a chunk, then the other writes it), so that the thread feeding
// libzstd's workers never waits for SHA-256 or write(2), and neither of the
// two waits for the other: for incompressible input SHA-256 and write(2)
// of the output cost as much CPU as libzstd itself, and on one thread they
// were the export's critical path. Up to kQueued chunks (a libzstd job's
// output, which comes all at once when the job ends) are in flight. Starts
// the kernel's writeback every 16 MiB, so that the fsync of Finish has
// little left to wait for.
class HashingWriter {
 public:
  static constexpr size_t kChunk = 128 << 10;  // ZSTD_CStreamOutSize's size
  static constexpr size_t kQueued = 128;       // 16 MiB

  HashingWriter(int fd, std::string path) : fd_(fd), path_(std::move(path)) {
    hasher_ = std::thread([this] { Hash(); });
    writer_ = std::thread([this] { Write(); });
  }
  ~HashingWriter() { (void)Close(); }

  // An empty chunk of kChunk bytes to fill: a written one again, or new.
  Chunk Take() {
    std::lock_guard<std::mutex> l(mu_);
    if (spare_.empty()) return Chunk{std::unique_ptr<char[]>(new char[kChunk]), 0};
    Chunk c = std::move(spare_.back());
    spare_.pop_back();
    return c;
  }
  // Queues `c` to be hashed and written; waits while kQueued are in
  // flight. Fails with the first write error.
  Status Give(Chunk c) {
    std::unique_lock<std::mutex> l(mu_);
    room_.wait(l, [&] { return in_flight_ < kQueued || !error_.ok(); });
    if (!error_.ok()) return error_;
    ++in_flight_;
    to_hash_.push_back(std::move(c));
    hash_work_.notify_one();
    return Status::Ok();
  }
  // Writes what is queued and stops the threads. The first error, if any.
  Status Close() {
    {
      std::lock_guard<std::mutex> l(mu_);
      closing_ = true;
      hash_work_.notify_one();
    }
    if (hasher_.joinable()) hasher_.join();
    if (writer_.joinable()) writer_.join();
    return error_;
  }
  std::string HexDigest() { return hash_.HexDigest(); }
  int64_t size() const { return size_; }

 private:
  void Hash() {
    while (true) {
      Chunk c;
      {
        std::unique_lock<std::mutex> l(mu_);
        hash_work_.wait(l, [&] { return !to_hash_.empty() || closing_; });
        if (to_hash_.empty()) {
          hashed_all_ = true;
          write_work_.notify_one();
          return;
        }
        c = std::move(to_hash_.front());
        to_hash_.pop_front();
      }
      hash_.Update(c.data.get(), c.size);
      std::lock_guard<std::mutex> l(mu_);
      to_write_.push_back(std::move(c));
      write_work_.notify_one();
    }
  }

  void Write() {
    int64_t synced = 0;
    while (true) {
      Chunk c;
      {
        std::unique_lock<std::mutex> l(mu_);
        write_work_.wait(l, [&] { return !to_write_.empty() || hashed_all_; });
        if (to_write_.empty()) return;
        c = std::move(to_write_.front());
        to_write_.pop_front();
      }
      Status st = Status::Ok();
      if (failed_.load(std::memory_order_relaxed) == false) {
        st = WriteAll(fd_, std::string_view(c.data.get(), c.size), path_);
      }
      size_ += static_cast<int64_t>(c.size);
      if (size_ - synced >= (16 << 20)) {
        ::sync_file_range(fd_, synced, size_ - synced, SYNC_FILE_RANGE_WRITE);
        synced = size_;
      }
      std::lock_guard<std::mutex> l(mu_);
      if (!st.ok() && error_.ok()) {
        error_ = st;
        failed_ = true;
      }
      c.size = 0;
      spare_.push_back(std::move(c));
      --in_flight_;
      room_.notify_one();
    }
  }

  const int fd_;
  const std::string path_;
  Sha256 hash_;       // the hasher's until Close
  int64_t size_ = 0;  // the writer's until Close
  std::mutex mu_;
  std::condition_variable hash_work_, write_work_, room_;
  std::deque<Chunk> to_hash_, to_write_;
  std::vector<Chunk> spare_;
  size_t in_flight_ = 0;  // given and not yet written
  bool closing_ = false;
  bool hashed_all_ = false;
  std::atomic<bool> failed_{false};  // after the first write error: write no more
  Status error_;
  std::thread hasher_, writer_;
};

// The input is looked at in 128 KiB blocks (at their offsets in the
// stream) as it comes: a run of blocks that each look incompressible
// (random, encrypted or already compressed bytes) is held back, and once it
// is 8 MiB long (or, at least 1 MiB, ends the input) it is stored as a
// frame of raw blocks of its own, never given to libzstd, whose level-3
// match search and entropy coding would cost as much CPU as hashing and
// writing it and end in raw blocks all the same. Everything else, shorter
// runs included, goes to libzstd's current frame as it comes (no copy); so
// an input without such runs is libzstd's one frame, byte for byte. zstd
// readers read concatenated frames as one stream.
constexpr size_t kRawBlock = 128 << 10;  // zstd's largest block
constexpr size_t kRawRun = 8 << 20;      // a level-3 job of libzstd's
constexpr size_t kRawTail = 1 << 20;     // a shorter run ending the input

// Whether the 128 KiB block at `p` looks incompressible: the order-0
// entropy of a sample of it (64 of every 1,024 bytes) is near 8 bits a
// byte. Depends on the bytes alone, so the output stays a function of the
// input.
bool LooksIncompressible(const unsigned char* p) {
  uint32_t count[4][256] = {};
  for (size_t at = 0; at < kRawBlock; at += 1024) {
    for (size_t k = 0; k < 64; k += 4) {
      ++count[0][p[at + k]];
      ++count[1][p[at + k + 1]];
      ++count[2][p[at + k + 2]];
      ++count[3][p[at + k + 3]];
    }
  }
  constexpr double n = kRawBlock / 16;
  double bits = 0;
  for (int b = 0; b < 256; ++b) {
    uint32_t c = count[0][b] + count[1][b] + count[2][b] + count[3][b];
    if (c == 0) continue;
    double q = c / n;
    bits -= q * std::log2(q);
  }
  // Uniform bytes sampled 8,192 times estimate 7.977 (+-0.005); text is
  // 4-6, and Huffman coding gains under 0.7% above 7.95.
  return bits > 7.95;
}

}  // namespace

struct ZstdSink::Impl {
  std::string path;
  UniqueFd fd;
  ZSTD_CCtx* cctx = nullptr;
  Sha256 tar_hash;
  std::optional<oci::Digest> trusted_tar;  // TrustTar's: tar_hash is not fed
  int64_t tar_size = 0;
  std::unique_ptr<HashingWriter> writer;  // after fd: stops before it closes
  Chunk next;  // the chunk libzstd fills next, kept while it gets nothing
  std::string block;      // a partial block of input, not yet looked at
  std::string run;        // incompressible-looking blocks held back
  bool in_frame = false;  // libzstd has a frame open (input since its end)
  ~Impl() {
    writer.reset();
    if (cctx != nullptr) ZSTD_freeCCtx(cctx);
  }
};

Expected<std::unique_ptr<ZstdSink>> ZstdSink::Create(const std::string& path, int level,
                                                     int workers) {
  if (level < 1 || level > ZSTD_maxCLevel()) {
    return InvalidArgument("zstd level " + std::to_string(level) + " is not 1-" +
                           std::to_string(ZSTD_maxCLevel()));
  }
  std::unique_ptr<ZstdSink> sink(new ZstdSink());
  sink->impl_ = std::make_unique<Impl>();
  Impl& s = *sink->impl_;
  s.path = path;
  ASSIGN_OR_RETURN(s.fd, OpenFile(path, O_WRONLY | O_CREAT | O_TRUNC, 0644));
  s.cctx = ZSTD_createCCtx();
  if (s.cctx == nullptr) return Internal("zstd: cannot create a compression context");
  if (workers <= 0) workers = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  ZSTD_CCtx_setParameter(s.cctx, ZSTD_c_compressionLevel, level);
  ZSTD_CCtx_setParameter(s.cctx, ZSTD_c_checksumFlag, 1);
  size_t rc = ZSTD_CCtx_setParameter(s.cctx, ZSTD_c_nbWorkers, workers);
  if (ZSTD_isError(rc)) return Internal(std::string("zstd: ") + ZSTD_getErrorName(rc));
  // Chunks of libzstd's own output size (128 KiB) stay in the CPU's cache
  // between libzstd filling them and the writer hashing and writing them
  // out; 4 MiB ones made write(2)'s copies a third of an export's CPU.
  s.writer = std::make_unique<HashingWriter>(s.fd.get(), path);
  return sink;
}

ZstdSink::~ZstdSink() = default;

Status ZstdSink::Compress(const void* data, size_t size, bool end) {
  Impl& s = *impl_;
  ZSTD_inBuffer in{data, size, 0};
  while (true) {
    if (!s.next.data) s.next = s.writer->Take();
    Chunk& c = s.next;
    ZSTD_outBuffer out{c.data.get(), HashingWriter::kChunk, 0};
    size_t left = ZSTD_compressStream2(s.cctx, &out, &in, end ? ZSTD_e_end : ZSTD_e_continue);
    if (ZSTD_isError(left)) return IoError("zstd \"" + s.path + "\": " + ZSTD_getErrorName(left));
    if (out.pos > 0) {
      c.size = out.pos;
      RETURN_IF_ERROR(s.writer->Give(std::move(c)));
    }
    if (end ? left == 0 : in.pos == in.size) return Status::Ok();
  }
}

void ZstdSink::TrustTar(const oci::Digest& diff_id) { impl_->trusted_tar = diff_id; }

Status ZstdSink::Write(const void* data, size_t size) {
  Impl& s = *impl_;
  if (!s.trusted_tar) s.tar_hash.Update(data, size);
  s.tar_size += static_cast<int64_t>(size);
  const char* p = static_cast<const char*>(data);
  if (!s.block.empty()) {  // complete the partial block first
    size_t take = std::min(size, kRawBlock - s.block.size());
    s.block.append(p, take);
    p += take;
    size -= take;
    if (s.block.size() < kRawBlock) return Status::Ok();
    RETURN_IF_ERROR(Block(s.block.data(),
                          LooksIncompressible(reinterpret_cast<const unsigned char*>(s.block.data()))));
    s.block.clear();
  }
  // Whole blocks straight from the caller's buffer; compressible runs of
  // them go to libzstd in one call.
  const char* pass = p;  // the start of blocks to give libzstd
  for (; size >= kRawBlock; p += kRawBlock, size -= kRawBlock) {
    if (!LooksIncompressible(reinterpret_cast<const unsigned char*>(p))) continue;
    RETURN_IF_ERROR(Pass(pass, static_cast<size_t>(p - pass)));
    RETURN_IF_ERROR(Block(p, true));
    pass = p + kRawBlock;
  }
  RETURN_IF_ERROR(Pass(pass, static_cast<size_t>(p - pass)));
  s.block.append(p, size);
  return Status::Ok();
}

Status ZstdSink::Block(const char* p, bool raw) {
  Impl& s = *impl_;
  if (!raw) return Pass(p, kRawBlock);
  s.run.append(p, kRawBlock);
  return s.run.size() == kRawRun ? StoreRun(nullptr, 0) : Status::Ok();
}

Status ZstdSink::Pass(const char* p, size_t n) {
  Impl& s = *impl_;
  if (n == 0) return Status::Ok();
  if (!s.run.empty()) {  // too short to store raw: libzstd has it first
    RETURN_IF_ERROR(Compress(s.run.data(), s.run.size(), false));
    s.run.clear();
  }
  s.in_frame = true;
  return Compress(p, n, false);
}

Status ZstdSink::StoreRun(const char* tail, size_t tail_size) {
  Impl& s = *impl_;
  if (s.in_frame) {  // libzstd's frame ends before the raw one
    RETURN_IF_ERROR(Compress(nullptr, 0, true));
    s.in_frame = false;
  }
  // A frame header (magic 0xFD2FB528; descriptor: no size, no checksum,
  // no dictionary; a 128 KiB window), then raw blocks, the last marked.
  Chunk c = s.next.data ? std::move(s.next) : s.writer->Take();
  static const unsigned char kHeader[] = {0x28, 0xb5, 0x2f, 0xfd, 0x00, 0x38};
  std::memcpy(c.data.get(), kHeader, sizeof kHeader);
  c.size = sizeof kHeader;
  auto put = [&](const char* q, size_t left) -> Status {
    while (left > 0) {
      if (c.size == HashingWriter::kChunk) {
        RETURN_IF_ERROR(s.writer->Give(std::move(c)));
        c = s.writer->Take();
      }
      size_t m = std::min(left, HashingWriter::kChunk - c.size);
      std::memcpy(c.data.get() + c.size, q, m);
      c.size += m;
      q += m;
      left -= m;
    }
    return Status::Ok();
  };
  const size_t total = s.run.size() + tail_size;
  for (size_t at = 0; at < total; at += kRawBlock) {
    size_t n = std::min(kRawBlock, total - at);
    uint32_t h = (static_cast<uint32_t>(n) << 3) | (at + n == total ? 1u : 0u);  // 0: raw
    const char hb[3] = {static_cast<char>(h), static_cast<char>(h >> 8),
                        static_cast<char>(h >> 16)};
    RETURN_IF_ERROR(put(hb, 3));
    // The run's blocks are whole; only the last block is the tail.
    RETURN_IF_ERROR(at < s.run.size() ? put(s.run.data() + at, n) : put(tail, n));
  }
  RETURN_IF_ERROR(s.writer->Give(std::move(c)));
  s.run.clear();
  return Status::Ok();
}

Expected<oci::LayerBlob> ZstdSink::Finish() {
  Impl& s = *impl_;
  // A run long enough ending the input is stored raw, with the partial
  // block after it; else both go to libzstd, whose frame ends (an empty
  // input is one empty frame of it).
  if (s.run.size() >= kRawTail) {
    RETURN_IF_ERROR(StoreRun(s.block.data(), s.block.size()));
  } else {
    if (!s.run.empty()) {
      RETURN_IF_ERROR(Compress(s.run.data(), s.run.size(), false));
      s.run.clear();
      s.in_frame = true;
    }
    RETURN_IF_ERROR(Pass(s.block.data(), s.block.size()));
  }
  if (s.in_frame || s.tar_size == 0) RETURN_IF_ERROR(Compress(nullptr, 0, true));
  RETURN_IF_ERROR(s.writer->Close());
  if (::close(s.fd.Release()) != 0) return SysError("close", s.path, errno);
  oci::LayerBlob b;
  b.path = s.path;
  b.media_type = std::string(oci::media::kOciLayerZstd);
  ASSIGN_OR_RETURN(b.digest, oci::Digest::Parse("sha256:" + s.writer->HexDigest()));
  b.size = s.writer->size();
  if (s.trusted_tar) {
    b.diff_id = *s.trusted_tar;
  } else {
    ASSIGN_OR_RETURN(b.diff_id, oci::Digest::Parse("sha256:" + s.tar_hash.HexDigest()));
  }
  b.tar_size = s.tar_size;
  return b;
}

}  // namespace mybuild::exporter
