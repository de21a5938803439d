#include <gtest/gtest.h>

#include "lint/rules/rule_testing.h"
#include "lint/rules/rules.h"

namespace mybuild::lint::rules {
namespace {

using Lines = std::vector<int>;
using testing::Hits;

TEST(DL3033Test, Fires) {
  EXPECT_EQ(Hits(Dl3033(),
                 "FROM a:1\n"
                 "RUN yum install -y httpd\n"),
            (Lines{2}));
}

TEST(DL3033Test, Clean) {
  EXPECT_EQ(Hits(Dl3033(),
                 "FROM a:1\n"
                 "RUN yum install -y httpd-2.4.6 ./x.rpm\n"),
            (Lines{}));
}

}  // namespace
}  // namespace mybuild::lint::rules
