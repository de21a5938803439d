#include <gtest/gtest.h>

#include "lint/rules/rule_testing.h"
#include "lint/rules/rules.h"

namespace mybuild::lint::rules {
namespace {

using Lines = std::vector<int>;
using testing::Hits;

TEST(DL3059Test, Fires) {
  EXPECT_EQ(Hits(Dl3059(),
                 "FROM a:1\n"
                 "RUN a\n"
                 "# comment\n"
                 "RUN b\n"
                 "RUN c\n"),
            (Lines{4, 5}));
}

TEST(DL3059Test, Clean) {
  EXPECT_EQ(Hits(Dl3059(),
                 "FROM a:1\n"
                 "RUN a\n"
                 "WORKDIR /x\n"
                 "RUN b\n"
                 "RUN --mount=type=cache,target=/c c\n"),
            (Lines{}));
}

}  // namespace
}  // namespace mybuild::lint::rules
