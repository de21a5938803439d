// The context hash of a fresh --root (issue 12: the time to the first
// reused step of a fully cached build waits for it): ContextDigester over
// a whole context with an empty stat cache, as a new CI runner's first
// build hashes it. Prints each round's milliseconds, their median and the
// digest (the same in every round, and across changes to how the hash is
// computed). By hand:
//   bazel run -c opt //bench/context:context_hash_bench -- [ROUNDS [DIR]]
// Without DIR it writes build_bench's big context (100 directories of 200
// 100-byte files, and 50 MiB of noise) into a temp dir first.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "base/fd.h"
#include "base/temp_dir.h"
#include "cache/context_digester.h"
#include "cache/stat_cache.h"
#include "cache/store_paths.h"

namespace mybuild {
namespace {

Status WriteBigContext(const std::string& dir) {
  std::string line(99, 'x');
  line += '\n';
  for (int d = 0; d < 100; ++d) {
    std::string sub = dir + "/src/d" + std::to_string(d);
    RETURN_IF_ERROR(MakeDirs(sub));
    for (int f = 0; f < 200; ++f) {
      RETURN_IF_ERROR(WriteFileAtomic(sub + "/f" + std::to_string(f) + ".txt", line));
    }
  }
  std::string chunk(1 << 20, '\0');
  uint64_t x = 88172645463325252ULL;
  ASSIGN_OR_RETURN(UniqueFd out, OpenFile(dir + "/big.bin", O_WRONLY | O_CREAT | O_TRUNC, 0644));
  for (int i = 0; i < 50; ++i) {
    for (size_t j = 0; j < chunk.size(); j += 8) {
      x ^= x << 13;
      x ^= x >> 7;
      x ^= x << 17;
      std::memcpy(&chunk[j], &x, 8);
    }
    RETURN_IF_ERROR(WriteAll(out.get(), chunk, dir));
  }
  return Status::Ok();
}

int Main(int argc, char** argv) {
  int rounds = argc > 1 ? std::atoi(argv[1]) : 5;
  Expected<TempDir> tmp = TempDir::Create();
  if (!tmp.ok()) return 1;
  std::string dir = argc > 2 ? argv[2] : tmp->path() + "/ctx";
  if (argc <= 2) {
    if (Status st = WriteBigContext(dir); !st.ok()) {
      std::fprintf(stderr, "%s\n", st.message().c_str());
      return 1;
    }
  }
  std::vector<double> ms;
  std::string first;
  for (int r = 0; r < rounds; ++r) {
    cache::StorePaths store(tmp->path() + "/root" + std::to_string(r));
    cache::StatCache stats = cache::StatCache::Load(store, dir);
    cache::ContextDigester digester(dir, nullptr, {.stat_cache = &stats});
    auto start = std::chrono::steady_clock::now();
    Expected<std::string> d = digester.Digest({"."});
    ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() -
                                                           start).count());
    if (!d.ok()) {
      std::fprintf(stderr, "%s\n", d.status().message().c_str());
      return 1;
    }
    if (first.empty()) first = *d;
    if (*d != first) {
      std::fprintf(stderr, "round %d: %s, not %s\n", r, d->c_str(), first.c_str());
      return 1;
    }
    std::printf("round %d: %.1f ms\n", r, ms.back());
  }
  std::sort(ms.begin(), ms.end());
  std::printf("median %.1f ms over %d rounds; %s\n", ms[ms.size() / 2], rounds, first.c_str());
  return 0;
}

}  // namespace
}  // namespace mybuild

int main(int argc, char** argv) { return mybuild::Main(argc, argv); }
