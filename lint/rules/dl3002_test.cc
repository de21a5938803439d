#include <gtest/gtest.h>

#include "lint/rules/rule_testing.h"
#include "lint/rules/rules.h"

namespace mybuild::lint::rules {
namespace {

using Lines = std::vector<int>;
using testing::Hits;

TEST(DL3002Test, Fires) {
  EXPECT_EQ(Hits(Dl3002(),
                 "FROM a:1\n"
                 "USER root\n"),
            (Lines{2}));
  EXPECT_EQ(Hits(Dl3002(),
                 "FROM a:1\n"
                 "USER app\n"
                 "USER 0:0\n"),
            (Lines{3}));
}

TEST(DL3002Test, Clean) {
  EXPECT_EQ(Hits(Dl3002(),
                 "FROM a:1\n"
                 "USER root\n"
                 "RUN x\n"
                 "USER app\n"),
            (Lines{}));
  EXPECT_EQ(Hits(Dl3002(),
                 "FROM a:1 AS b\n"
                 "USER root\n"
                 "FROM c:1\n"
                 "RUN x\n"),
            (Lines{}));
}

}  // namespace
}  // namespace mybuild::lint::rules
