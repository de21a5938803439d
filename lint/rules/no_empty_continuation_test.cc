#include <gtest/gtest.h>

#include "lint/rules/rule_testing.h"
#include "lint/rules/rules.h"

namespace mybuild::lint::rules {
namespace {

using Lines = std::vector<int>;
using testing::Hits;

TEST(NoEmptyContinuationTest, Fires) {
  EXPECT_EQ(Hits(NoEmptyContinuation(),
                 "FROM a:1\n"
                 "RUN apt-get update && \\\n"
                 "\n"
                 "    apt-get install -y x\n"),
            (Lines{2}));
}

TEST(NoEmptyContinuationTest, Clean) {
  EXPECT_EQ(Hits(NoEmptyContinuation(),
                 "FROM a:1\n"
                 "RUN a && \\\n"
                 "    # comment\n"
                 "    b\n"
                 "RUN <<EOF\n"
                 "echo\n"
                 "\n"
                 "echo\n"
                 "EOF\n"),
            (Lines{}));
}

}  // namespace
}  // namespace mybuild::lint::rules
