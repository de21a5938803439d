#include <gtest/gtest.h>

#include "lint/rules/rule_testing.h"
#include "lint/rules/rules.h"

namespace mybuild::lint::rules {
namespace {

using Lines = std::vector<int>;
using testing::Hits;

TEST(DL3012Test, Fires) {
  EXPECT_EQ(Hits(Dl3012(),
                 "FROM a:1\n"
                 "HEALTHCHECK CMD a\n"
                 "HEALTHCHECK CMD b\n"),
            (Lines{3}));
}

TEST(DL3012Test, Clean) {
  EXPECT_EQ(Hits(Dl3012(),
                 "FROM a:1\n"
                 "HEALTHCHECK CMD a\n"
                 "FROM b:1\n"
                 "HEALTHCHECK NONE\n"),
            (Lines{}));
}

}  // namespace
}  // namespace mybuild::lint::rules
