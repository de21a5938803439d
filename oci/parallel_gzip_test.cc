#include "oci/parallel_gzip.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include <filesystem>
#include <vector>

#include "oci/gzip_block.h"

namespace mybuild::oci {
namespace {

// Text and noise, so blocks both shrink and do not.
std::string Input(size_t n) {
  std::string s;
  uint32_t x = 7;
  while (s.size() < n) {
    s += "file " + std::to_string(s.size() % 1000) + " of the context\n";
    for (int i = 0; i < 40; ++i) {
      x = x * 1103515245u + 12345u;
      s.push_back(static_cast<char>(x >> 23));
    }
  }
  s.resize(n);
  return s;
}

// Compresses `in` in Write calls of `chunk` bytes.
std::string Gzip(const std::string& in, int threads, size_t block_size,
                 size_t chunk) {
  std::string out;
  auto gz =
      ParallelGzip::Create({6, threads, block_size}, [&](std::string_view b) {
        out.append(b);
        return Status::Ok();
      });
  EXPECT_TRUE(gz.ok());
  for (size_t off = 0; off < in.size(); off += chunk) {
    EXPECT_TRUE(
        gz->Write(in.data() + off, std::min(chunk, in.size() - off)).ok());
  }
  EXPECT_TRUE(gz->Finish().ok());
  return out;
}

// One gzip member of `in`, as BlockDeflater makes it at level 6.
std::string Member(const std::string& in) {
  auto d = internal::BlockDeflater::Create(6);
  EXPECT_TRUE(d.ok());
  std::string out;
  EXPECT_TRUE(d->Deflate(in, &out).ok());
  return out;
}

// Gunzips every member of `gz` with zlib, as gzip(1) does; the members
// must end exactly at the end of `gz`.
std::string Gunzip(const std::string& gz) {
  z_stream zs{};
  inflateInit2(&zs, 15 + 16);
  std::string out(8 << 20, '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(gz.data()));
  zs.avail_in = gz.size();
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = out.size();
  int rc;
  while ((rc = inflate(&zs, Z_FINISH)) == Z_STREAM_END && zs.avail_in > 0) {
    inflateReset(&zs);
  }
  EXPECT_EQ(rc, Z_STREAM_END);
  EXPECT_EQ(zs.avail_in, 0u);
  out.resize(out.size() - zs.avail_out);
  inflateEnd(&zs);
  return out;
}

TEST(ParallelGzipTest, OneBlockIsOneMember) {
  for (size_t n : {0, 1, 5000, 65536}) {
    std::string in = Input(n);
    EXPECT_EQ(Gzip(in, 4, 65536, 1000), Member(in)) << n;
    EXPECT_EQ(Gunzip(Member(in)), in) << n;
  }
}

// Threads of this process.
int Threads() {
  std::error_code ec;
  auto it = std::filesystem::directory_iterator("/proc/self/task", ec);
  return static_cast<int>(std::distance(it, {}));
}

// The process's thread count each time the output is called.
std::vector<int> ThreadsSeenByOutput(size_t size, int threads) {
  std::vector<int> seen;
  auto gz = ParallelGzip::Create({6, threads, 65536}, [&](std::string_view) {
    seen.push_back(Threads());
    return Status::Ok();
  });
  if (!gz.ok()) return {};
  std::string in = Input(size);
  EXPECT_TRUE(gz->Write(in.data(), in.size()).ok());
  EXPECT_TRUE(gz->Finish().ok());
  return seen;
}

TEST(ParallelGzipTest, ThreadsStartWithTheSecondBlock) {
  int before = Threads();
  EXPECT_EQ(ThreadsSeenByOutput(65536, 4), std::vector<int>({before}));
  EXPECT_EQ(ThreadsSeenByOutput(65537, 4),
            std::vector<int>({before + 4, before + 4}));
  EXPECT_EQ(ThreadsSeenByOutput(65537, 1), std::vector<int>({before, before}));
  EXPECT_EQ(Threads(), before);
}

TEST(ParallelGzipTest, SameBytesForAnyThreadsAndWrites) {
  std::string in = Input(700000);  // 10.7 blocks of 64 KiB
  std::string one = Gzip(in, 1, 65536, in.size());
  EXPECT_EQ(Gunzip(one), in);
  for (int threads : {2, 4, 7}) {
    for (size_t chunk : {size_t{777}, size_t{65536}, in.size()}) {
      EXPECT_EQ(Gzip(in, threads, 65536, chunk), one)
          << threads << " " << chunk;
    }
  }
  EXPECT_NE(Gzip(in, 4, 32768, in.size()), one);  // block size is format
}

TEST(ParallelGzipTest, BlocksAreMembers) {
  const size_t block = 16384;
  std::string in = Input(3 * block);  // exactly three: no empty fourth
  std::string want;
  for (size_t i = 0; i < 3; ++i) want += Member(in.substr(i * block, block));
  EXPECT_EQ(Gzip(in, 3, block, 1000), want);
  EXPECT_EQ(Gunzip(want), in);
}

TEST(ParallelGzipTest, EmitsAsItGoesWithFewBlocksInFlight) {
  const size_t block = 4096;
  std::string in = Input(40 * block + 1);
  int calls = 0;
  auto gz = ParallelGzip::Create({6, 2, block}, [&](std::string_view) {
    ++calls;
    return Status::Ok();
  });
  ASSERT_TRUE(gz.ok());
  ASSERT_TRUE(gz->Write(in.data(), in.size()).ok());
  // Blocks 0-39 were handed out; at most 2 x 2 - 1 are still in flight.
  EXPECT_GE(calls, 40 - 3);
  ASSERT_TRUE(gz->Finish().ok());
  EXPECT_EQ(calls, 41);  // one member a block
  EXPECT_EQ(gz->Finish().message(), "ParallelGzip::Finish called twice");
}

TEST(ParallelGzipTest, AnOutputErrorStopsTheStream) {
  std::string in = Input(20 * 4096);
  int calls = 0;
  auto gz = ParallelGzip::Create({6, 4, 4096}, [&](std::string_view) {
    return ++calls == 3 ? IoError("disk full") : Status::Ok();
  });
  ASSERT_TRUE(gz.ok());
  Status st = gz->Write(in.data(), in.size());
  if (st.ok()) st = gz->Finish();
  EXPECT_EQ(st.message(), "disk full");
  EXPECT_EQ(gz->Write("x", 1).message(), "disk full");
  EXPECT_EQ(calls, 3);
}

TEST(ParallelGzipTest, DroppedMidStream) {
  std::string in = Input(1 << 20);
  auto gz = ParallelGzip::Create({9, 4, 4096},
                                 [](std::string_view) { return Status::Ok(); });
  ASSERT_TRUE(gz.ok());
  ASSERT_TRUE(gz->Write(in.data(), in.size()).ok());
}  // the destructor stops the workers without Finish

TEST(ParallelGzipTest, RejectsOptions) {
  auto out = [](std::string_view) { return Status::Ok(); };
  EXPECT_EQ(ParallelGzip::Create({0, 1, 65536}, out).status().message(),
            "gzip level 0 is not between 1 and 9");
  EXPECT_EQ(ParallelGzip::Create({6, 1, 4095}, out).status().message(),
            "gzip block size 4095 is not between 4 KiB and 64 MiB");
}

}  // namespace
}  // namespace mybuild::oci
