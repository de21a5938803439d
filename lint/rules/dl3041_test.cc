#include <gtest/gtest.h>

#include "lint/rules/rule_testing.h"
#include "lint/rules/rules.h"

namespace mybuild::lint::rules {
namespace {

using Lines = std::vector<int>;
using testing::Hits;

TEST(DL3041Test, Fires) {
  EXPECT_EQ(Hits(Dl3041(),
                 "FROM a:1\n"
                 "RUN dnf install -y httpd\n"),
            (Lines{2}));
}

TEST(DL3041Test, Clean) {
  EXPECT_EQ(
      Hits(Dl3041(),
           "FROM a:1\n"
           "RUN dnf install -y httpd-2.4 && dnf module install -y nodejs\n"),
      (Lines{}));
}

}  // namespace
}  // namespace mybuild::lint::rules
