#include <gtest/gtest.h>

#include "lint/rules/rule_testing.h"
#include "lint/rules/rules.h"

namespace mybuild::lint::rules {
namespace {

using Lines = std::vector<int>;
using testing::Hits;

TEST(DL3023Test, Fires) {
  EXPECT_EQ(Hits(Dl3023(),
                 "FROM a:1 AS build\n"
                 "COPY --from=build /x /y\n"),
            (Lines{2}));
}

TEST(DL3023Test, Clean) {
  EXPECT_EQ(Hits(Dl3023(),
                 "FROM a:1 AS build\n"
                 "FROM b:1 AS final\n"
                 "COPY --from=build /x /y\n"),
            (Lines{}));
}

}  // namespace
}  // namespace mybuild::lint::rules
