// A RUN step's network through the mybuild binary: --network=none leaves
// only lo; the default is a private namespace (lo and slirp4netns's tap0)
// that cannot reach the host's 127.0.0.1; --network=host reaches it, and
// only with --allow network.host; the network is part of a RUN's key.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <thread>

#include <gtest/gtest.h>

#include "base/fd.h"
#include "bench/build/harness_test.h"

namespace mybuild::bench {
namespace {

// The lines of `output` that start with "#1 " (the one step's header and
// output), without durations.
std::vector<std::string> StepLines(const std::string& output) {
  return LinesWhere(output, [](const std::string& line) {
    return line.rfind("#1 ", 0) == 0 && line.rfind("#1 DONE", 0) != 0;
  });
}

class NetworkTest : public HarnessTest {
 protected:
  // The base pulled first, so that no build shows its pull as step #1.
  void SetUp() override {
    HarnessTest::SetUp();
    if (!Started()) return;
    auto pull = h_->Mybuild({"pull", "--root", h_->Path("root"), h_->base()});
    ASSERT_TRUE(pull.ok() && pull->exit_code == 0)
        << (pull.ok() ? pull->output : pull.status().message());
  }
  // Builds a Dockerfile of FROM base + `body` with `extra` flags.
  Expected<CommandResult> Build(const std::string& body, std::vector<std::string> extra) {
    Status st = WriteTree(h_->Path("ctx"), {{"Dockerfile", "FROM " + h_->base() + "\n" + body}});
    if (!st.ok()) return st;
    std::vector<std::string> args = {"build", "--root", h_->Path("root"), "--progress", "plain"};
    args.insert(args.end(), extra.begin(), extra.end());
    args.push_back(h_->Path("ctx"));
    return h_->Mybuild(args);
  }
  std::vector<std::string> Steps(const std::string& body, std::vector<std::string> extra) {
    auto r = Build(body, std::move(extra));
    EXPECT_TRUE(r.ok() && r->exit_code == 0) << (r.ok() ? r->output : r.status().message());
    return r.ok() ? StepLines(r->output) : std::vector<std::string>{};
  }
};

TEST_F(NetworkTest, NoneDefaultAndHostAreThreeKeys) {
  const std::string run = "RUN tail -n +3 /proc/net/dev | cut -d: -f1 | tr -d ' ' | sort";
  using V = std::vector<std::string>;
  EXPECT_EQ(Steps(run + "\n", {"--network", "none"}), (V{"#1 [1/1] " + run, "#1 lo"}));
  EXPECT_EQ(Steps(run + "\n", {"--network=default"}),
            (V{"#1 [1/1] " + run, "#1 lo", "#1 tap0"}));
  // The host's network: another key again, so the step runs.
  V host = Steps(run + "\n", {"--network=host", "--allow", "network.host"});
  ASSERT_FALSE(host.empty());
  EXPECT_EQ(host[0], "#1 [1/1] " + run);
  EXPECT_EQ(Steps(run + "\n", {"--network=none"}), (V{"#1 [1/1] " + run, "#1 CACHED"}));
  EXPECT_EQ(Steps(run + "\n", {}), (V{"#1 [1/1] " + run, "#1 CACHED"}));
}

TEST_F(NetworkTest, HostNetworkNeedsTheEntitlement) {
  auto r = Build("RUN true\n", {"--network=host"});
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->exit_code, 1);
  EXPECT_EQ(r->output,
            "mybuild: network.host is not allowed: --network=host needs --allow network.host\n");
  r = Build("RUN true\nRUN --network=host true\n", {});
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->exit_code, 1);
  EXPECT_EQ(r->output,
            "mybuild: " + h_->Path("ctx") +
                "/Dockerfile:3: network.host is not allowed: RUN --network=host needs "
            "--allow network.host\n");
}

TEST_F(NetworkTest, HostLoopbackOnlyWithTheHostNetwork) {
  UniqueFd fd(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof a;
  ASSERT_EQ(::bind(fd.get(), reinterpret_cast<sockaddr*>(&a), len), 0);
  ASSERT_EQ(::listen(fd.get(), 8), 0);
  ASSERT_EQ(::getsockname(fd.get(), reinterpret_cast<sockaddr*>(&a), &len), 0);
  std::thread server([&] {
    for (;;) {
      int c = ::accept4(fd.get(), nullptr, nullptr, SOCK_CLOEXEC);
      if (c < 0) return;
      (void)!::write(c, "host service\n", 13);
      ::close(c);
    }
  });
  const std::string port = std::to_string(ntohs(a.sin_port));
  const std::string run = "RUN nc -w 3 127.0.0.1 " + port + " 2>&1 || echo unreachable";
  using V = std::vector<std::string>;
  std::vector<std::string> private_net = Steps(run + "\n", {});
  std::vector<std::string> host_net =
      Steps("RUN --network=host " + run.substr(4) + "\n", {"--allow", "network.host"});
  ::shutdown(fd.get(), SHUT_RDWR);
  server.join();
  EXPECT_EQ(private_net,
            (V{"#1 [1/1] " + run,
               "#1 nc: can't connect to remote host (127.0.0.1): Connection refused",
               "#1 unreachable"}));
  EXPECT_EQ(host_net, (V{"#1 [1/1] RUN --network=host " + run.substr(4), "#1 host service"}));
}

}  // namespace
}  // namespace mybuild::bench
