#include <gtest/gtest.h>

#include "lint/rules/rule_testing.h"
#include "lint/rules/rules.h"

namespace mybuild::lint::rules {
namespace {

using Lines = std::vector<int>;
using testing::Hits;

TEST(DL3000Test, Fires) {
  EXPECT_EQ(Hits(Dl3000(),
                 "FROM a:1\n"
                 "WORKDIR app\n"
                 "WORKDIR \"src\"\n"),
            (Lines{2, 3}));
}

TEST(DL3000Test, Clean) {
  EXPECT_EQ(Hits(Dl3000(),
                 "FROM a:1\n"
                 "WORKDIR /app\n"
                 "WORKDIR $HOME\n"
                 "WORKDIR \"/x\"\n"
                 "WORKDIR C:\\\\app\n"),
            (Lines{}));
}

}  // namespace
}  // namespace mybuild::lint::rules
