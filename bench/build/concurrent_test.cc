// Two mybuild processes on one --root at the same time: both succeed, a
// step both need runs once (the other waits on its step lock and reuses the
// result), and builds with different steps do not wait for each other.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdlib>
#include <random>

#include <gtest/gtest.h>

#include "base/fd.h"
#include "bench/build/harness_test.h"

namespace mybuild::bench {
namespace {

// A loopback TCP port nothing listens on now and that the kernel never
// hands out by itself: below the ephemeral range, so no registry another
// test starts on port 0 and no outgoing connection can take it between
// this check and the RUN's bind (a port from bind(0) could be, and was).
int FreePort() {
  int low = 32768;
  if (Expected<std::string> range = ReadFile("/proc/sys/net/ipv4/ip_local_port_range"); range.ok()) {
    low = std::atoi(range->c_str());
  }
  std::mt19937 pick(std::random_device{}());
  for (int tries = 0; tries < 100 && low > 10001; ++tries) {
    int port = std::uniform_int_distribution<int>(10000, low - 1)(pick);
    UniqueFd s(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = htons(static_cast<uint16_t>(port));
    if (::bind(s.get(), reinterpret_cast<sockaddr*>(&a), sizeof a) == 0) return port;
  }
  return -1;
}

int Count(const std::string& text, const std::string& what) {
  int n = 0;
  for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

class ConcurrentTest : public HarnessTest {
 protected:

  // Builds `contexts` at once on one root; returns {exit codes, logs}.
  struct Result {
    std::vector<int> codes;
    std::vector<std::string> logs;
  };
  Result Together(const std::vector<std::string>& contexts,
                  const std::vector<std::string>& flags = {}) {
    const std::string root = "root";
    Result r;
    std::vector<pid_t> pids;
    for (size_t i = 0; i < contexts.size(); ++i) {
      std::vector<std::string> args = {
          "build", "--root", h_->Path(root), "--progress", "plain", "--iidfile",
          h_->Path(root + ".iid" + std::to_string(i))};
      args.insert(args.end(), flags.begin(), flags.end());
      args.push_back(h_->Path(contexts[i]));
      auto pid = h_->StartMybuild(args, h_->Path(root + ".log" + std::to_string(i)));
      EXPECT_TRUE(pid.ok()) << pid.status().message();
      pids.push_back(pid.ok() ? *pid : -1);
    }
    for (size_t i = 0; i < pids.size(); ++i) {
      r.codes.push_back(WaitFor(pids[i]));
      r.logs.push_back(*ReadFile(h_->Path(root + ".log" + std::to_string(i))));
    }
    return r;
  }
};

TEST_F(ConcurrentTest, SameStepsRunOnceAndAreShared) {
  ASSERT_TRUE(WriteTree(h_->Path("ctx"), {
      {"Dockerfile", "FROM " + h_->base() + "\nRUN sleep 1 && echo a > /a\n"
                     "COPY f /f\nRUN sleep 1 && cat /a /f > /b\n"},
      {"f", "f\n"}}).ok());
  Result r = Together({"ctx", "ctx"});
  ASSERT_EQ(r.codes, (std::vector<int>{0, 0})) << r.logs[0] << r.logs[1];
  // Three layer steps, each run by one of the two builds: both show all
  // three, three times as reused. (Which build pulls the base, and shows
  // it as a step, is a race.)
  const std::string both = r.logs[0] + r.logs[1];
  EXPECT_EQ(Count(both, "/3] "), 6) << both;
  EXPECT_EQ(Count(both, " CACHED"), 3) << both;
  EXPECT_EQ(*ReadFile(h_->Path("root.iid0")), *ReadFile(h_->Path("root.iid1")));
  auto verify = h_->Mybuild({"cache", "verify", "--root", h_->Path("root")});
  EXPECT_EQ(verify->exit_code, 0) << verify->output;
}

// Neither RUN can finish unless the other runs at the same time: `a`
// listens on a loopback port (the host network, which needs its
// entitlement) until `b` connects; the
// connection is the rendezvous, no data passes (busybox nc with stdin at
// EOF may close before reading what was sent). Had one build waited for
// the other's lock, `a` would time out.
TEST_F(ConcurrentTest, DifferentStepsRunAtTheSameTime) {
  int port = FreePort();
  ASSERT_GT(port, 0);
  const std::string p = std::to_string(port);
  ASSERT_TRUE(WriteTree(h_->Path("a"), {{"Dockerfile",
      "FROM " + h_->base() + "\nRUN timeout 60 nc -l -p " + p +
      " </dev/null >/dev/null\n"}}).ok());
  ASSERT_TRUE(WriteTree(h_->Path("b"), {{"Dockerfile",
      "FROM " + h_->base() + "\nRUN i=0; until nc 127.0.0.1 " + p + " </dev/null" +
      "; do i=$((i+1)); [ $i -lt 600 ] || exit 1; sleep 0.1; done\n"}}).ok());
  Result r = Together({"a", "b"}, {"--network=host", "--allow", "network.host"});
  ASSERT_EQ(r.codes, (std::vector<int>{0, 0})) << r.logs[0] << r.logs[1];
  for (const std::string& log : r.logs) {
    EXPECT_EQ(Count(log, "[1/1] RUN "), 1) << log;
    EXPECT_EQ(Count(log, " CACHED"), 0) << log;
  }
}

}  // namespace
}  // namespace mybuild::bench
