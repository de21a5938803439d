#include <gtest/gtest.h>

#include "lint/rules/rule_testing.h"
#include "lint/rules/rules.h"

namespace mybuild::lint::rules {
namespace {

using Lines = std::vector<int>;
using testing::Hits;

TEST(DL3048Test, Fires) {
  EXPECT_EQ(Hits(Dl3048(),
                 "FROM a:1\n"
                 "LABEL Maintainer=x\n"
                 "LABEL com.docker.x=1\n"
                 "LABEL a..b=1 -x=2\n"),
            (Lines{2, 3, 4}));
}

TEST(DL3048Test, Clean) {
  EXPECT_EQ(Hits(Dl3048(),
                 "FROM a:1\n"
                 "LABEL org.opencontainers.image.version=1 maintainer=\"a b\" "
                 "my-label=1\n"),
            (Lines{}));
}

}  // namespace
}  // namespace mybuild::lint::rules
