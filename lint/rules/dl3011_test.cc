#include <gtest/gtest.h>

#include "lint/rules/rule_testing.h"
#include "lint/rules/rules.h"

namespace mybuild::lint::rules {
namespace {

using Lines = std::vector<int>;
using testing::Hits;

TEST(DL3011Test, Fires) {
  EXPECT_EQ(Hits(Dl3011(),
                 "FROM a:1\n"
                 "EXPOSE 80 65536\n"
                 "EXPOSE 8000-80000/tcp\n"),
            (Lines{2, 3}));
}

TEST(DL3011Test, Clean) {
  EXPECT_EQ(Hits(Dl3011(),
                 "FROM a:1\n"
                 "EXPOSE 80 443/tcp 53/udp 65535 8000-8010 ${PORT}\n"),
            (Lines{}));
}

}  // namespace
}  // namespace mybuild::lint::rules
