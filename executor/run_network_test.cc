// A RUN step's network, with real parts: slirp4netns, a TCP server on the
// host's loopback, an abstract unix socket, and a server in a network
// namespace of the test's own, joined to the host by a veth pair (the
// "outside" the step reaches through the user-mode stack).
#include "executor/run_network.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sched.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <thread>

#include "base/fd.h"
#include "executor/sandbox_test_fixture.h"

namespace mybuild::executor {
namespace {

// Accepts on `fd` (listening) until it is shut down, writing `reply` to
// each connection.
class Server {
 public:
  Server(UniqueFd fd, std::string reply) : fd_(std::move(fd)) {
    thread_ = std::thread([this, reply] {
      for (;;) {
        int c = ::accept4(fd_.get(), nullptr, nullptr, SOCK_CLOEXEC);
        if (c < 0) return;
        (void)!::write(c, reply.data(), reply.size());
        ::close(c);
      }
    });
  }
  ~Server() {
    ::shutdown(fd_.get(), SHUT_RDWR);
    thread_.join();
  }
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

 private:
  UniqueFd fd_;
  std::thread thread_;
};

// A TCP socket listening on `ip` port 0 (the kernel picks), in the calling
// thread's network namespace. Sets `port`.
UniqueFd Listen(const std::string& ip, int* port) {
  UniqueFd fd(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
  sockaddr_in a{};
  a.sin_family = AF_INET;
  ::inet_pton(AF_INET, ip.c_str(), &a.sin_addr);
  socklen_t len = sizeof a;
  if (::bind(fd.get(), reinterpret_cast<sockaddr*>(&a), len) != 0 ||
      ::listen(fd.get(), 16) != 0 ||
      ::getsockname(fd.get(), reinterpret_cast<sockaddr*>(&a), &len) != 0) {
    ADD_FAILURE() << "listen on " << ip << ": " << std::strerror(errno);
    return UniqueFd();
  }
  *port = ntohs(a.sin_port);
  return fd;
}

class RunNetworkTest : public testing::SandboxFixture {};

TEST_F(RunNetworkTest, HostLoopbackIsOutOfReachByDefault) {
  int port = 0;
  Server server(Listen("127.0.0.1", &port), "from the host\n");
  const std::string p = std::to_string(port);
  // The step's own 127.0.0.1, and slirp4netns's gateway, which without
  // --disable-host-loopback would lead to the host's.
  SandboxSpec spec = Spec("nc -w 3 127.0.0.1 " + p + " 2>/dev/null || echo refused; " +
                          "nc -w 3 10.0.2.2 " + p + " 2>/dev/null || echo refused");
  EXPECT_EQ(Run(spec), "refused\nrefused\n");
  spec = Spec("nc -w 3 127.0.0.1 " + p);
  spec.network = NetworkMode::kHost;
  EXPECT_EQ(Run(spec), "from the host\n");
}

TEST_F(RunNetworkTest, AbstractUnixSocketsStayTheHosts) {
  const std::string name = "mybuild-net16-" + std::to_string(::getpid());
  UniqueFd fd(::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0));
  sockaddr_un a{};
  a.sun_family = AF_UNIX;
  std::memcpy(a.sun_path + 1, name.data(), name.size());
  socklen_t len = offsetof(sockaddr_un, sun_path) + 1 + name.size();
  ASSERT_EQ(::bind(fd.get(), reinterpret_cast<sockaddr*>(&a), len), 0);
  ASSERT_EQ(::listen(fd.get(), 1), 0);
  // /proc/net/unix lists the sockets of the reader's network namespace.
  SandboxSpec spec = Spec("grep -c @" + name + " /proc/net/unix");
  EXPECT_EQ(Run(spec), "0\nexit 1\n");
  spec.network = NetworkMode::kHost;
  EXPECT_EQ(Run(spec), "1\n");
}

// A network namespace joined to the host's by a veth pair: 10.213.16.1 on
// the host's side, 10.213.16.2 inside. Removed at the end.
class Outside {
 public:
  Outside() : name_("mb16o" + std::to_string(::getpid() % 100000)) {
    const std::string n = name_, h = name_ + "h";
    ok_ = Sh("ip netns add " + n) && Sh("ip link add " + h + " type veth peer name eth0 netns " + n) &&
          Sh("ip addr add 10.213.16.1/30 dev " + h) && Sh("ip link set " + h + " up") &&
          Sh("ip -n " + n + " addr add 10.213.16.2/30 dev eth0") &&
          Sh("ip -n " + n + " link set eth0 up") && Sh("ip -n " + n + " link set lo up");
  }
  ~Outside() {
    Sh("ip link del " + name_ + "h 2>/dev/null");
    Sh("ip netns del " + name_);
  }
  bool ok() const { return ok_; }
  // Listens on 10.213.16.2 inside: the calling thread enters the namespace
  // only for the socket call (a socket stays in the namespace it was made in).
  UniqueFd Listen(int* port) {
    UniqueFd own(::open("/proc/thread-self/ns/net", O_RDONLY | O_CLOEXEC));
    UniqueFd ns(::open(("/run/netns/" + name_).c_str(), O_RDONLY | O_CLOEXEC));
    if (::setns(ns.get(), CLONE_NEWNET) != 0) return UniqueFd();
    UniqueFd fd = executor::Listen("10.213.16.2", port);
    if (::setns(own.get(), CLONE_NEWNET) != 0) std::abort();
    return fd;
  }

 private:
  static bool Sh(const std::string& cmd) { return std::system(cmd.c_str()) == 0; }
  std::string name_;
  bool ok_ = false;
};

TEST_F(RunNetworkTest, OutboundGoesThroughSlirp4netns) {
  Outside outside;
  ASSERT_TRUE(outside.ok());
  int port = 0;
  Server server(outside.Listen(&port), "from outside\n");
  ASSERT_NE(port, 0);
  SandboxSpec spec = Spec("nc -w 5 10.213.16.2 " + std::to_string(port));
  EXPECT_EQ(Run(spec), "from outside\n");
  spec = Spec("nc -w 3 10.213.16.2 " + std::to_string(port) + " 2>/dev/null || echo unreachable");
  spec.network = NetworkMode::kNone;
  EXPECT_EQ(Run(spec), "unreachable\n");
}

TEST_F(RunNetworkTest, AddHostLinesAreInEtcHosts) {
  SandboxSpec spec = Spec("cat /etc/hosts");
  spec.extra_hosts = {{"db", "10.0.0.5"}};
  EXPECT_EQ(Run(spec),
            "127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n"
            "10.0.0.5\tdb\n");
}

TEST_F(RunNetworkTest, MissingSlirp4netnsIsNamed) {
  auto net = StepNetwork::Start("/nonexistent/slirp4netns");
  EXPECT_EQ(net.status().message(),
            "slirp4netns not found: a RUN step's default network needs it "
            "(apt-get install slirp4netns), or build with --network=none");
}

TEST_F(RunNetworkTest, Slirp4netnsEndsWithTheStep) {
  pid_t pid;
  {
    auto net = StepNetwork::Start();
    ASSERT_TRUE(net.ok()) << net.status().message();
    pid = net->slirp_pid();
    EXPECT_EQ(::kill(pid, 0), 0);
  }
  EXPECT_EQ(::kill(pid, 0), -1);  // waited for: no such process
}

TEST_F(RunNetworkTest, NetworksAreReusedOneStepAtATime) {
  SandboxSpec spec = Spec("readlink /proc/self/ns/net");
  std::string first = Run(spec);
  EXPECT_EQ(first.rfind("net:[", 0), 0u) << first;
  EXPECT_EQ(Run(spec), first);  // the same namespace, given back and taken
  // Two taken at once are two.
  auto a = TakeStepNetwork();
  auto b = TakeStepNetwork();
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_NE(a->slirp_pid(), b->slirp_pid());
  // A network whose slirp4netns died is not handed out again.
  pid_t dead = a->slirp_pid();
  ::kill(dead, SIGKILL);
  while (a->Alive()) ::usleep(1000);
  GiveBackStepNetwork(std::move(*a));
  GiveBackStepNetwork(std::move(*b));
  auto c = TakeStepNetwork();
  ASSERT_TRUE(c.ok());
  EXPECT_NE(c->slirp_pid(), dead);
  EXPECT_TRUE(c->Alive());
}

TEST(Slirp4netnsFailureTest, NamesTheTunFixOnlyForPermissionDenied) {
  EXPECT_EQ(Slirp4netnsFailure("exited before it was ready", "open(\"/dev/net/tun\"): Permission denied"),
            "slirp4netns exited before it was ready: open(\"/dev/net/tun\"): Permission denied (a "
            "rootless build opens /dev/net/tun as its user: as root run `chmod 0666 "
            "/dev/net/tun`, the mode Debian's udev gives it, or build with --network=none)");
  EXPECT_EQ(Slirp4netnsFailure("not ready after 10s", ""), "slirp4netns not ready after 10s");
}

}  // namespace
}  // namespace mybuild::executor
