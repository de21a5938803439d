#include <gtest/gtest.h>

#include "lint/rules/rule_testing.h"
#include "lint/rules/rules.h"

namespace mybuild::lint::rules {
namespace {

using Lines = std::vector<int>;
using testing::Hits;

TEST(DL3040Test, Fires) {
  EXPECT_EQ(Hits(Dl3040(),
                 "FROM a:1\n"
                 "RUN dnf install -y httpd-2.4\n"),
            (Lines{2}));
}

TEST(DL3040Test, Clean) {
  EXPECT_EQ(Hits(Dl3040(),
                 "FROM a:1\n"
                 "RUN dnf install -y httpd-2.4 && dnf clean all\n"),
            (Lines{}));
  EXPECT_EQ(
      Hits(Dl3040(),
           "FROM a:1\n"
           "RUN --mount=type=cache,target=/var/cache/dnf dnf install -y x-1\n"),
      (Lines{}));
}

}  // namespace
}  // namespace mybuild::lint::rules
