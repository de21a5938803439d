#include <gtest/gtest.h>

#include "lint/rules/rule_testing.h"
#include "lint/rules/rules.h"

namespace mybuild::lint::rules {
namespace {

using Lines = std::vector<int>;
using testing::Hits;

TEST(DL3036Test, Fires) {
  EXPECT_EQ(Hits(Dl3036(),
                 "FROM a:1\n"
                 "RUN zypper install -y httpd=2.4\n"),
            (Lines{2}));
}

TEST(DL3036Test, Clean) {
  EXPECT_EQ(Hits(Dl3036(),
                 "FROM a:1\n"
                 "RUN zypper install -y httpd=2.4 && zypper clean\n"),
            (Lines{}));
}

}  // namespace
}  // namespace mybuild::lint::rules
