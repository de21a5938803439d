#include <gtest/gtest.h>

#include "lint/rules/rule_testing.h"
#include "lint/rules/rules.h"

namespace mybuild::lint::rules {
namespace {

using Lines = std::vector<int>;
using testing::Hits;

TEST(DL3024Test, FiresOnEveryRepeatedAlias) {
  EXPECT_EQ(Hits(Dl3024(),
                 "FROM a:1 AS build\n"
                 "RUN make\n"
                 "FROM b:1 AS build\n"
                 "FROM c:1 AS test\n"
                 "FROM d:1 AS build\n"),
            (Lines{3, 5}));
}

TEST(DL3024Test, Clean) {
  // Unnamed stages repeat freely; aliases differing in case are distinct
  // (as in hadolint).
  EXPECT_EQ(Hits(Dl3024(),
                 "FROM a:1\n"
                 "FROM a:1\n"
                 "FROM b:1 AS build\n"
                 "FROM c:1 AS Build\n"),
            (Lines{}));
}

}  // namespace
}  // namespace mybuild::lint::rules
