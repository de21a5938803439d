#include <gtest/gtest.h>

#include "lint/rules/rule_testing.h"
#include "lint/rules/rules.h"

namespace mybuild::lint::rules {
namespace {

using Lines = std::vector<int>;
using testing::Hits;

TEST(ConsistentInstructionCasingTest, Fires) {
  EXPECT_EQ(Hits(ConsistentInstructionCasing(),
                 "FROM a:1\n"
                 "run x\n"
                 "RUN y\n"
                 "Copy a b\n"),
            (Lines{2, 4}));
  EXPECT_EQ(Hits(ConsistentInstructionCasing(),
                 "from a:1\n"
                 "run x\n"
                 "RUN y\n"),
            (Lines{3}));
}

TEST(ConsistentInstructionCasingTest, Clean) {
  EXPECT_EQ(Hits(ConsistentInstructionCasing(),
                 "FROM a:1\n"
                 "RUN x\n"),
            (Lines{}));
  EXPECT_EQ(Hits(ConsistentInstructionCasing(),
                 "from a:1\n"
                 "run x\n"),
            (Lines{}));
}

}  // namespace
}  // namespace mybuild::lint::rules
