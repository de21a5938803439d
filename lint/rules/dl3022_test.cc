#include <gtest/gtest.h>

#include "lint/rules/rule_testing.h"
#include "lint/rules/rules.h"

namespace mybuild::lint::rules {
namespace {

using Lines = std::vector<int>;
using testing::Hits;

TEST(DL3022Test, Fires) {
  EXPECT_EQ(Hits(Dl3022(),
                 "FROM a:1 AS build\n"
                 "FROM b:1\n"
                 "COPY --from=biuld /x /x\n"
                 "COPY --from=1 /y /y\n"),
            (Lines{3, 4}));
}

TEST(DL3022Test, Clean) {
  EXPECT_EQ(Hits(Dl3022(),
                 "FROM a:1 AS build\n"
                 "FROM b:1\n"
                 "COPY --from=build /x /x\n"
                 "COPY --from=0 /y /y\n"
                 "COPY --from=nginx:1 /z /z\n"),
            (Lines{}));
}

}  // namespace
}  // namespace mybuild::lint::rules
