#include <gtest/gtest.h>

#include "lint/rules/rule_testing.h"
#include "lint/rules/rules.h"

namespace mybuild::lint::rules {
namespace {

using Lines = std::vector<int>;
using testing::Hits;

TEST(DL3026Test, Fires) {
  EXPECT_EQ(Hits(Dl3026(),
                 "FROM debian:12\n"
                 "FROM quay.io/x/y:1\n",
                 {{"my.io"}, {}, false}),
            (Lines{1, 2}));
  EXPECT_EQ(Hits(Dl3026(),
                 "FROM gcr.io/a:1\n"
                 "FROM eu.gcr.io/b:1\n",
                 {{"*.gcr.io"}, {}, false}),
            (Lines{1}));
}

TEST(DL3026Test, Clean) {
  EXPECT_EQ(Hits(Dl3026(),
                 "FROM debian:12 AS a\n"
                 "FROM my.io/x:1\n"
                 "FROM a\n"
                 "FROM scratch\n",
                 {{"docker.io", "my.io"}, {}, false}),
            (Lines{}));
  EXPECT_EQ(Hits(Dl3026(), "FROM debian:12\n"), (Lines{}));
}

}  // namespace
}  // namespace mybuild::lint::rules
