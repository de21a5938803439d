#include "bench/compress/timing.h"

#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <zlib.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <vector>

#include "base/fd.h"
#include "base/sha256.h"

namespace mybuild::bench {

Status WriteInPieces(const std::string& in,
                     const std::function<Status(const char*, size_t)>& write) {
  constexpr size_t kPiece = 64 * 1024;
  for (size_t off = 0; off < in.size(); off += kPiece) {
    RETURN_IF_ERROR(write(in.data() + off, std::min(kPiece, in.size() - off)));
  }
  return Status::Ok();
}

Expected<int64_t> ViaZlibStream(const std::string& path, const std::string& in,
                                int level) {
  ASSIGN_OR_RETURN(UniqueFd fd, OpenFile(path, O_WRONLY | O_CREAT | O_TRUNC));
  Sha256 tar_hash, blob_hash;
  int64_t size = 0;
  z_stream zs{};
  if (deflateInit2(&zs, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) !=
      Z_OK) {
    return Internal("deflateInit2 failed");
  }
  std::vector<unsigned char> out(256 * 1024);
  auto deflate_all = [&](int flush) -> Status {
    while (true) {
      zs.next_out = out.data();
      zs.avail_out = static_cast<uInt>(out.size());
      int rc = deflate(&zs, flush);
      std::string_view bytes(reinterpret_cast<char*>(out.data()),
                             out.size() - zs.avail_out);
      blob_hash.Update(bytes);
      size += static_cast<int64_t>(bytes.size());
      RETURN_IF_ERROR(WriteAll(fd.get(), bytes, path));
      if (flush == Z_FINISH ? rc == Z_STREAM_END : zs.avail_out != 0)
        return Status::Ok();
    }
  };
  Status st = WriteInPieces(in, [&](const char* p, size_t n) {
    tar_hash.Update(p, n);
    zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(p));
    zs.avail_in = static_cast<uInt>(n);
    return deflate_all(Z_NO_FLUSH);
  });
  if (st.ok()) st = deflate_all(Z_FINISH);
  deflateEnd(&zs);
  RETURN_IF_ERROR(st);
  tar_hash.HexDigest();
  blob_hash.HexDigest();
  if (::fsync(fd.get()) != 0) return SysError("fsync", path, errno);
  return size;
}

bool PigzInstalled() {
  return std::system("command -v pigz >/dev/null 2>&1") == 0;
}

Expected<int64_t> ViaPigz(const std::string& in_path,
                          const std::string& out_path, int threads) {
  std::string cmd = "pigz -6 -p " + std::to_string(threads) + " -c " + in_path +
                    " > " + out_path;
  int rc = std::system(cmd.c_str());
  if (rc == -1 || !WIFEXITED(rc) || WEXITSTATUS(rc) != 0) {
    return Internal("\"" + cmd + "\" failed");
  }
  struct stat st;
  if (::stat(out_path.c_str(), &st) != 0)
    return SysError("stat", out_path, errno);
  return static_cast<int64_t>(st.st_size);
}

namespace {

double CpuSeconds() {
  double total = 0;
  for (int who : {RUSAGE_SELF, RUSAGE_CHILDREN}) {
    rusage u{};
    ::getrusage(who, &u);
    for (const timeval& t : {u.ru_utime, u.ru_stime}) {
      total +=
          static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6;
    }
  }
  return total;
}

}  // namespace

void Bench::Add(std::string variant, std::function<Expected<int64_t>()> run) {
  variants_.push_back({std::move(variant), std::move(run)});
}

void Bench::Run() {
  for (int round = 0; round < rounds_; ++round) {
    for (Variant& v : variants_) {
      double cpu0 = CpuSeconds();
      auto start = std::chrono::steady_clock::now();
      Expected<int64_t> got = v.run();
      std::chrono::duration<double> wall =
          std::chrono::steady_clock::now() - start;
      if (!got.ok()) {
        std::fprintf(stderr, "%s: %s\n", v.name.c_str(),
                     got.status().message().c_str());
        std::exit(1);
      }
      v.size = *got;
      if (wall.count() < v.wall) {
        v.wall = wall.count();
        v.cpu = CpuSeconds() - cpu0;
      }
    }
  }
  double mb = static_cast<double>(in_.size()) / 1e6;
  for (const Variant& v : variants_) {
    std::printf(
        "%-15s %-26s %7.1f MB/s  wall %6.3f s  cpu %6.3f s  ratio %5.3f\n",
        corpus_.c_str(), v.name.c_str(), mb / v.wall, v.wall, v.cpu,
        static_cast<double>(v.size) / mb / 1e6);
  }
  std::fflush(stdout);
}

}  // namespace mybuild::bench
