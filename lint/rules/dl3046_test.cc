#include <gtest/gtest.h>

#include "lint/rules/rule_testing.h"
#include "lint/rules/rules.h"

namespace mybuild::lint::rules {
namespace {

using Lines = std::vector<int>;
using testing::Hits;

TEST(DL3046Test, Fires) {
  EXPECT_EQ(Hits(Dl3046(),
                 "FROM a:1\n"
                 "RUN useradd -u 123456 app\n"),
            (Lines{2}));
}

TEST(DL3046Test, Clean) {
  EXPECT_EQ(Hits(Dl3046(),
                 "FROM a:1\n"
                 "RUN useradd -l -u 123456 app && useradd -u 1000 b && useradd "
                 "--uid=12 c\n"),
            (Lines{}));
}

}  // namespace
}  // namespace mybuild::lint::rules
