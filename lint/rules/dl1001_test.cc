#include <gtest/gtest.h>

#include "lint/rules/rule_testing.h"
#include "lint/rules/rules.h"

namespace mybuild::lint::rules {
namespace {

using Lines = std::vector<int>;
using testing::Hits;

TEST(DL1001Test, Fires) {
  EXPECT_EQ(Hits(Dl1001(),
                 "FROM a:1\n"
                 "# hadolint ignore=DL3003\n"
                 "RUN cd /x\n"),
            (Lines{2}));
}

TEST(DL1001Test, Clean) {
  EXPECT_EQ(Hits(Dl1001(),
                 "FROM a:1\n"
                 "# hadolint global ignore=DL3003\n"
                 "RUN cd /x\n"),
            (Lines{}));
}

}  // namespace
}  // namespace mybuild::lint::rules
