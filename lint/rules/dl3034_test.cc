#include <gtest/gtest.h>

#include "lint/rules/rule_testing.h"
#include "lint/rules/rules.h"

namespace mybuild::lint::rules {
namespace {

using Lines = std::vector<int>;
using testing::Hits;

TEST(DL3034Test, Fires) {
  EXPECT_EQ(Hits(Dl3034(),
                 "FROM a:1\n"
                 "RUN zypper install httpd=2.4\n"),
            (Lines{2}));
}

TEST(DL3034Test, Clean) {
  EXPECT_EQ(Hits(Dl3034(),
                 "FROM a:1\n"
                 "RUN zypper -n install httpd=2.4 && zypper install -y x=1\n"),
            (Lines{}));
}

}  // namespace
}  // namespace mybuild::lint::rules
