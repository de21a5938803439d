#include <gtest/gtest.h>

#include "lint/rules/rule_testing.h"
#include "lint/rules/rules.h"

namespace mybuild::lint::rules {
namespace {

using Lines = std::vector<int>;
using testing::Hits;

TEST(DL3057Test, Fires) {
  EXPECT_EQ(Hits(Dl3057(),
                 "FROM a:1\n"
                 "RUN x\n"),
            (Lines{1}));
  EXPECT_EQ(Hits(Dl3057(),
                 "FROM a:1 AS b\n"
                 "HEALTHCHECK CMD x\n"
                 "FROM c:1\n"),
            (Lines{3}));
}

TEST(DL3057Test, Clean) {
  EXPECT_EQ(Hits(Dl3057(),
                 "FROM a:1\n"
                 "HEALTHCHECK CMD curl -f http://localhost/\n"),
            (Lines{}));
  EXPECT_EQ(Hits(Dl3057(),
                 "FROM a:1 AS b\n"
                 "HEALTHCHECK NONE\n"
                 "FROM b\n"),
            (Lines{}));
}

}  // namespace
}  // namespace mybuild::lint::rules
