#include <gtest/gtest.h>

#include "lint/rules/rule_testing.h"
#include "lint/rules/rules.h"

namespace mybuild::lint::rules {
namespace {

using Lines = std::vector<int>;
using testing::Hits;

TEST(DL3014Test, Fires) {
  EXPECT_EQ(Hits(Dl3014(),
                 "FROM a:1\n"
                 "RUN apt-get install curl\n"),
            (Lines{2}));
  EXPECT_EQ(Hits(Dl3014(),
                 "FROM a:1\n"
                 "RUN apt-get -q install curl\n"),
            (Lines{2}));
}

TEST(DL3014Test, Clean) {
  EXPECT_EQ(Hits(Dl3014(),
                 "FROM a:1\n"
                 "RUN apt-get install -y curl && apt-get install --yes x && "
                 "apt-get install --assume-yes y\n"),
            (Lines{}));
  EXPECT_EQ(Hits(Dl3014(),
                 "FROM a:1\n"
                 "RUN apt-get -qq install curl && apt-get -q -q install x && "
                 "apt-get -q=2 install y\n"),
            (Lines{}));
}

}  // namespace
}  // namespace mybuild::lint::rules
