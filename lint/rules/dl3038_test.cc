#include <gtest/gtest.h>

#include "lint/rules/rule_testing.h"
#include "lint/rules/rules.h"

namespace mybuild::lint::rules {
namespace {

using Lines = std::vector<int>;
using testing::Hits;

TEST(DL3038Test, Fires) {
  EXPECT_EQ(Hits(Dl3038(),
                 "FROM a:1\n"
                 "RUN dnf install httpd-2.4\n"),
            (Lines{2}));
}

TEST(DL3038Test, Clean) {
  EXPECT_EQ(
      Hits(
          Dl3038(),
          "FROM a:1\n"
          "RUN dnf install -y httpd-2.4 && microdnf --assumeyes install x-1\n"),
      (Lines{}));
}

}  // namespace
}  // namespace mybuild::lint::rules
