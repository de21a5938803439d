#include "bench/build/machine_limits.h"

#include <fcntl.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <thread>

#include "base/fd.h"
#include "registry/testing/subprocess.h"

namespace mybuild::bench {
namespace {

using Clock = std::chrono::steady_clock;
constexpr int kSampleMb = 300;

// Seconds `sh -c script` took, or -1 when it failed.
double TimeShell(const std::string& script) {
  auto start = Clock::now();
  Expected<registry::testing::CommandResult> r =
      registry::testing::RunCommand({"sh", "-c", script});
  if (!r.ok() || r->exit_code != 0) return -1;
  return std::chrono::duration<double>(Clock::now() - start).count();
}

std::string Rate(const char* what, double seconds) {
  if (seconds <= 0) return "";
  char buf[96];
  std::snprintf(buf, sizeof buf, "; %s %.0f MB/s", what, kSampleMb * 1.048576 / seconds);
  return buf;
}

// Files of 100 bytes made per second (open, write, close; no fsync, as a
// build's snapshot is not synced either).
double FileCreationRate(const std::string& dir) {
  constexpr int kFiles = 20000;
  std::string line(99, 'x');
  line += '\n';
  if (!MakeDirs(dir).ok()) return -1;
  auto start = Clock::now();
  for (int i = 0; i < kFiles; ++i) {
    std::string path = dir + "/f" + std::to_string(i);
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0 || ::write(fd, line.data(), line.size()) != static_cast<ssize_t>(line.size())) {
      if (fd >= 0) ::close(fd);
      return -1;
    }
    ::close(fd);
  }
  double s = std::chrono::duration<double>(Clock::now() - start).count();
  std::error_code ec;
  std::filesystem::remove_all(dir, ec);
  return kFiles / s;
}

}  // namespace

std::string MeasureMachineLimits(const std::string& scratch, const std::string& context) {
  std::string sample = scratch + "/sample.bin";
  std::string line = "machine: " + std::to_string(std::thread::hardware_concurrency()) +
                     " cores";
  double load[1];
  if (::getloadavg(load, 1) == 1) {
    char buf[32];
    std::snprintf(buf, sizeof buf, ", load %.2f", load[0]);
    line += buf;
  }
  if (!MakeDirs(scratch).ok() ||
      TimeShell("head -c " + std::to_string(kSampleMb) + "M /dev/urandom > " + sample) < 0) {
    return line + " (no sample file)";
  }
  (void)TimeShell("cat " + sample + " > /dev/null");  // warm the page cache
  // OpenSSL's SHA-256 is what mybuild uses (SHA-NI where the CPU has it);
  // coreutils' sha256sum is shown beside it.
  line += Rate("openssl sha256", TimeShell("openssl dgst -sha256 " + sample + " > /dev/null"));
  line += Rate("sha256sum", TimeShell("sha256sum " + sample + " > /dev/null"));
  if (registry::testing::ToolInstalled("pigz")) {
    line += Rate("pigz -p2 -6 (random)", TimeShell("pigz -p2 -6 -c " + sample + " > /dev/null"));
  }
  if (registry::testing::ToolInstalled("zstd")) {
    line += Rate("zstd -3 -T2 (random)", TimeShell("zstd -q -3 -T2 -c " + sample + " > /dev/null"));
  }
  std::filesystem::remove(sample);
  // `tar -f /dev/null` would skip reading the files (GNU tar notices).
  double tar = TimeShell("tar -cf - -C " + context + " . | cat > /dev/null");
  char buf[160];
  if (tar > 0) {
    std::snprintf(buf, sizeof buf, "; tar of the 20k-file context %.0f ms", tar * 1000);
    line += buf;
  }
  double rate = FileCreationRate(scratch + "/files");
  if (rate > 0) {
    std::snprintf(buf, sizeof buf, "; %.0f files/s created", rate);
    line += buf;
  }
  return line;
}

}  // namespace mybuild::bench
