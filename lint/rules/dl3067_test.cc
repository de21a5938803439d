#include <gtest/gtest.h>

#include "lint/rules/rule_testing.h"
#include "lint/rules/rules.h"

namespace mybuild::lint::rules {
namespace {

using Lines = std::vector<int>;
using testing::Hits;

TEST(DL3067Test, Fires) {
  EXPECT_EQ(Hits(Dl3067(),
                 "FROM a:1 AS b\n"
                 "FROM c:1\n"
                 "COPY --from=b / /\n"),
            (Lines{3}));
}

TEST(DL3067Test, Clean) {
  EXPECT_EQ(Hits(Dl3067(),
                 "FROM a:1 AS b\n"
                 "FROM c:1\n"
                 "COPY --from=b /app /\n"
                 "COPY / /\n"),
            (Lines{}));
}

}  // namespace
}  // namespace mybuild::lint::rules
