#include <gtest/gtest.h>

#include "lint/rules/rule_testing.h"
#include "lint/rules/rules.h"

namespace mybuild::lint::rules {
namespace {

using Lines = std::vector<int>;
using testing::Hits;

TEST(DL3021Test, Fires) {
  EXPECT_EQ(Hits(Dl3021(),
                 "FROM a:1\n"
                 "COPY a b /dest\n"),
            (Lines{2}));
  EXPECT_EQ(Hits(Dl3021(),
                 "FROM a:1\n"
                 "COPY [\"a\", \"b\", \"/dest\"]\n"),
            (Lines{2}));
}

TEST(DL3021Test, Clean) {
  EXPECT_EQ(Hits(Dl3021(),
                 "FROM a:1\n"
                 "COPY a b /dest/\n"
                 "COPY a /dest\n"),
            (Lines{}));
}

}  // namespace
}  // namespace mybuild::lint::rules
