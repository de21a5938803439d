#include <gtest/gtest.h>

#include "lint/rules/rule_testing.h"
#include "lint/rules/rules.h"

namespace mybuild::lint::rules {
namespace {

using Lines = std::vector<int>;
using testing::Hits;

TEST(DL3047Test, Fires) {
  EXPECT_EQ(Hits(Dl3047(),
                 "FROM a:1\n"
                 "RUN wget https://x/y.tgz\n"),
            (Lines{2}));
}

TEST(DL3047Test, Clean) {
  EXPECT_EQ(Hits(Dl3047(),
                 "FROM a:1\n"
                 "RUN wget -q https://x && wget -nv u && wget "
                 "--progress=dot:giga u && wget -O- u -o log\n"),
            (Lines{}));
}

}  // namespace
}  // namespace mybuild::lint::rules
