#include <gtest/gtest.h>

#include "lint/rules/rule_testing.h"
#include "lint/rules/rules.h"

namespace mybuild::lint::rules {
namespace {

using Lines = std::vector<int>;
using testing::Hits;

TEST(WorkdirRelativePathTest, Fires) {
  EXPECT_EQ(Hits(WorkdirRelativePath(),
                 "FROM a:1\n"
                 "WORKDIR app\n"),
            (Lines{2}));
}

TEST(WorkdirRelativePathTest, Clean) {
  EXPECT_EQ(Hits(WorkdirRelativePath(),
                 "FROM a:1\n"
                 "WORKDIR /app\n"
                 "WORKDIR src\n"),
            (Lines{}));
}

}  // namespace
}  // namespace mybuild::lint::rules
