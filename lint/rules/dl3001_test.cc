#include <gtest/gtest.h>

#include "lint/rules/rule_testing.h"
#include "lint/rules/rules.h"

namespace mybuild::lint::rules {
namespace {

using Lines = std::vector<int>;
using testing::Hits;

TEST(DL3001Test, Fires) {
  EXPECT_EQ(Hits(Dl3001(),
                 "FROM a:1\n"
                 "RUN service nginx start\n"
                 "RUN apt-get install -y vim && vim x\n"),
            (Lines{2, 3}));
}

TEST(DL3001Test, Clean) {
  EXPECT_EQ(Hits(Dl3001(),
                 "FROM a:1\n"
                 "RUN apt-get install -y vim procps\n"),
            (Lines{}));
}

}  // namespace
}  // namespace mybuild::lint::rules
