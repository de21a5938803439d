#include <gtest/gtest.h>

#include "lint/rules/rule_testing.h"
#include "lint/rules/rules.h"

namespace mybuild::lint::rules {
namespace {

using Lines = std::vector<int>;
using testing::Hits;

TEST(UndefinedVarTest, Fires) {
  EXPECT_EQ(Hits(UndefinedVar(),
                 "FROM scratch\n"
                 "ENV PATH=/bin\n"
                 "COPY $SRC /x\n"),
            (Lines{3}));
  EXPECT_EQ(Hits(UndefinedVar(),
                 "FROM a:1\n"
                 "ARG VERSION=1\n"
                 "ENV V=${VERSOIN}\n"),
            (Lines{3}));
}

TEST(UndefinedVarTest, Clean) {
  EXPECT_EQ(Hits(UndefinedVar(),
                 "FROM scratch\n"
                 "ARG SRC=.\n"
                 "ENV DIR=/x\n"
                 "COPY $SRC $DIR/\n"
                 "WORKDIR ${DIR}\n"
                 "COPY '$literal' /y\n"),
            (Lines{}));
  EXPECT_EQ(Hits(UndefinedVar(),
                 "FROM debian:12\n"
                 "ENV PATH=/opt/bin:$PATH\n"
                 "WORKDIR $HOME\n"),
            (Lines{}));
}

}  // namespace
}  // namespace mybuild::lint::rules
