#include <gtest/gtest.h>

#include "lint/rules/rule_testing.h"
#include "lint/rules/rules.h"

namespace mybuild::lint::rules {
namespace {

using Lines = std::vector<int>;
using testing::Hits;

TEST(DL3028Test, Fires) {
  EXPECT_EQ(Hits(Dl3028(),
                 "FROM a:1\n"
                 "RUN gem install bundler\n"),
            (Lines{2}));
}

TEST(DL3028Test, Clean) {
  EXPECT_EQ(Hits(Dl3028(),
                 "FROM a:1\n"
                 "RUN gem install bundler:2.4 && gem install rails -v 7.0 && "
                 "gem install --version 1 x\n"),
            (Lines{}));
}

}  // namespace
}  // namespace mybuild::lint::rules
