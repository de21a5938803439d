#include "executor/etc_files.h"

#include <gtest/gtest.h>

namespace mybuild::executor {
namespace {

TEST(PrivateResolvConfTest, LoopbackServersBecomeTheResolver) {
  EXPECT_EQ(PrivateResolvConf("# by hand\nnameserver 127.0.0.53\nnameserver 10.1.1.1\n"
                              "search example.com\nnameserver ::1\noptions edns0",
                              "10.0.2.3"),
            "# by hand\nnameserver 10.0.2.3\nnameserver 10.1.1.1\n"
            "search example.com\noptions edns0\n");
  EXPECT_EQ(PrivateResolvConf("nameserver 192.0.2.1\n", "10.0.2.3"),
            "nameserver 192.0.2.1\n");
}

TEST(HostsFileTest, AddHostLinesFollowLocalhost) {
  EXPECT_EQ(HostsFile({{"db", "10.0.0.5"}, {"v6", "fd00::1"}}),
            "127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n"
            "10.0.0.5\tdb\nfd00::1\tv6\n");
}

TEST(ParseAddHostTest, DockersForms) {
  using P = std::pair<std::string, std::string>;
  EXPECT_EQ(*ParseAddHost("db:10.0.0.5"), (P{"db", "10.0.0.5"}));
  EXPECT_EQ(*ParseAddHost("db=10.0.0.5"), (P{"db", "10.0.0.5"}));
  EXPECT_EQ(*ParseAddHost("v6:::1"), (P{"v6", "::1"}));
  EXPECT_EQ(*ParseAddHost("v6:[fd00::1]"), (P{"v6", "fd00::1"}));
  for (const char* bad : {"db", "db:", ":10.0.0.5", "db:host-gateway", "db:10.0.0"}) {
    EXPECT_EQ(ParseAddHost(bad).status().message(),
              std::string("--add-host \"") + bad +
                  "\": want NAME:IP with an IPv4 or IPv6 address");
  }
}

}  // namespace
}  // namespace mybuild::executor
