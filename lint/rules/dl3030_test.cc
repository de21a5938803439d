#include <gtest/gtest.h>

#include "lint/rules/rule_testing.h"
#include "lint/rules/rules.h"

namespace mybuild::lint::rules {
namespace {

using Lines = std::vector<int>;
using testing::Hits;

TEST(DL3030Test, Fires) {
  EXPECT_EQ(Hits(Dl3030(),
                 "FROM a:1\n"
                 "RUN yum install httpd-2.4\n"),
            (Lines{2}));
}

TEST(DL3030Test, Clean) {
  EXPECT_EQ(
      Hits(Dl3030(),
           "FROM a:1\n"
           "RUN yum install -y httpd-2.4 && yum --assumeyes groupinstall x\n"),
      (Lines{}));
}

}  // namespace
}  // namespace mybuild::lint::rules
