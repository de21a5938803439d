#include <gtest/gtest.h>

#include "lint/rules/rule_testing.h"
#include "lint/rules/rules.h"

namespace mybuild::lint::rules {
namespace {

using Lines = std::vector<int>;
using testing::Hits;

TEST(DL3015Test, Fires) {
  EXPECT_EQ(Hits(Dl3015(),
                 "FROM a:1\n"
                 "RUN apt-get install -y curl\n"),
            (Lines{2}));
}

TEST(DL3015Test, Clean) {
  EXPECT_EQ(Hits(Dl3015(),
                 "FROM a:1\n"
                 "RUN apt-get install -y --no-install-recommends curl\n"),
            (Lines{}));
  EXPECT_EQ(
      Hits(Dl3015(),
           "FROM a:1\n"
           "RUN apt-get install -y -o APT::Install-Recommends=false curl\n"),
      (Lines{}));
}

}  // namespace
}  // namespace mybuild::lint::rules
