#include <gtest/gtest.h>

#include "lint/rules/rule_testing.h"
#include "lint/rules/rules.h"

namespace mybuild::lint::rules {
namespace {

using Lines = std::vector<int>;
using testing::Hits;

TEST(DL3061Test, FiresOnEachInstructionBeforeTheFirstFrom) {
  EXPECT_EQ(Hits(Dl3061(),
                 "# syntax=docker/dockerfile:1\n"
                 "ARG V=1\n"
                 "LABEL a=b\n"
                 "RUN echo \\\n"
                 "  hi\n"
                 "ARG W\n"
                 "FROM a:1\n"
                 "RUN make\n"),
            (Lines{3, 4}));
  EXPECT_EQ(Hits(Dl3061(), "RUN make\nCMD run\n"), (Lines{1, 2}));
}

TEST(DL3061Test, Clean) {
  EXPECT_EQ(Hits(Dl3061(),
                 "# a comment\n"
                 "ARG V=1\n"
                 "FROM a:${V}\n"
                 "RUN make\n"
                 "FROM b:1\n"),
            (Lines{}));
  EXPECT_EQ(Hits(Dl3061(), "ARG V=1\n"), (Lines{}));
}

}  // namespace
}  // namespace mybuild::lint::rules
