#include "export/zstd_sink.h"

#include <fcntl.h>
#include <unistd.h>
#include <zstd.h>

#include <atomic>
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
  if (!impl_->trusted_tar) impl_->tar_hash.Update(data, size);
  impl_->tar_size += static_cast<int64_t>(size);
  return Compress(data, size, false);
}

Expected<oci::LayerBlob> ZstdSink::Finish() {
  Impl& s = *impl_;
  RETURN_IF_ERROR(Compress(nullptr, 0, true));
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
