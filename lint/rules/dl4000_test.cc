#include <gtest/gtest.h>

#include "lint/rules/rule_testing.h"
#include "lint/rules/rules.h"

namespace mybuild::lint::rules {
namespace {

using Lines = std::vector<int>;
using testing::Hits;

TEST(DL4000Test, Fires) {
  EXPECT_EQ(Hits(Dl4000(),
                 "FROM a:1\n"
                 "MAINTAINER me <me@x.org>\n"),
            (Lines{2}));
}

TEST(DL4000Test, Clean) {
  EXPECT_EQ(Hits(Dl4000(),
                 "FROM a:1\n"
                 "LABEL maintainer=me\n"),
            (Lines{}));
}

}  // namespace
}  // namespace mybuild::lint::rules
