#include "planner/expose_ports.h"

#include <gtest/gtest.h>

namespace mybuild::planner {
namespace {

std::string Ports(const std::string& spec) {
  Expected<std::vector<std::string>> p = ExposedPorts(spec);
  if (!p.ok()) return "error: " + p.status().message();
  std::string out;
  for (const std::string& s : *p) out += (out.empty() ? "" : " ") + s;
  return out;
}

// The cases of BuildKit's convert_expose_test.go, and its errors.
TEST(ExposePortsTest, PortsAndRanges) {
  EXPECT_EQ(Ports("80"), "80/tcp");
  EXPECT_EQ(Ports("53/udp"), "53/udp");
  EXPECT_EQ(Ports("3456/SCTP"), "3456/sctp");
  EXPECT_EQ(Ports("8000-8002/tcp"), "8000/tcp 8001/tcp 8002/tcp");
  EXPECT_EQ(Ports("8000-8000"), "8000/tcp");
  EXPECT_EQ(Ports("+80"), "80/tcp");
  EXPECT_EQ(Ports("1234-1236:1234-1236/udp"), "1234/udp 1235/udp 1236/udp");
  EXPECT_EQ(Ports("0.0.0.0:1234-1235:3333-3334/tcp"), "3333/tcp 3334/tcp");
  EXPECT_EQ(Ports("8000-8010:80"), "80/tcp");
}

TEST(ExposePortsTest, AddressesAreCheckedAndDropped) {
  EXPECT_EQ(Ports("[2001:4860:0:2001::68]::333"), "333/tcp");
  EXPECT_EQ(Ports("[::1]:80:80"), "80/tcp");
  EXPECT_EQ(Ports("2001:4860:0:2001::68::333"), "333/tcp");
  EXPECT_EQ(Ports("::1:80:80"), "80/tcp");
  EXPECT_EQ(Ports("::::80"), "80/tcp");
  EXPECT_EQ(Ports("localhost:1234:1234/tcp"),
            "error: invalid IP address: localhost");
  EXPECT_EQ(Ports("010.0.0.1:80:80"), "error: invalid IP address: 010.0.0.1");
}

TEST(ExposePortsTest, ErrorsInBuildKitsWords) {
  EXPECT_EQ(Ports(""), "error: invalid port: \"\": no port specified");
  EXPECT_EQ(
      Ports("0.0.0.0:1234-1235:/tcp"),
      "error: invalid port: \"0.0.0.0:1234-1235:/tcp\": no port specified");
  EXPECT_EQ(Ports("80/foo"),
            "error: invalid port: \"80/foo\": invalid proto: foo");
  EXPECT_EQ(Ports("8002-8000"), "error: invalid containerPort: 8002-8000");
  EXPECT_EQ(Ports("70000"), "error: invalid containerPort: 70000");
  EXPECT_EQ(Ports("8000-"), "error: invalid containerPort: 8000-");
  EXPECT_EQ(Ports("x"), "error: invalid containerPort: x");
  EXPECT_EQ(Ports("1--5"), "error: invalid containerPort: 1--5");
  EXPECT_EQ(Ports("y:80"), "error: invalid hostPort: y");
  EXPECT_EQ(Ports("1-3:1-2"),
            "error: invalid ranges specified for container and host Ports: 1-2 "
            "and 1-3");
}

}  // namespace
}  // namespace mybuild::planner
