#include <gtest/gtest.h>

#include "lint/rules/rule_testing.h"
#include "lint/rules/rules.h"

namespace mybuild::lint::rules {
namespace {

using Lines = std::vector<int>;
using testing::Hits;

TEST(DL3050Test, Fires) {
  EXPECT_EQ(Hits(Dl3050(),
                 "FROM a:1\n"
                 "LABEL version=1.0.0 extra=1\n",
                 {{}, {{"version", "semver"}}, true}),
            (Lines{2}));
  EXPECT_EQ(Hits(Dl3050(),
                 "FROM a:1\n"
                 "LABEL x=1\n",
                 {{}, {}, true}),
            (Lines{2}));
}

TEST(DL3050Test, Clean) {
  EXPECT_EQ(Hits(Dl3050(),
                 "FROM a:1\n"
                 "LABEL version=1.0.0\n",
                 {{}, {{"version", "semver"}}, true}),
            (Lines{}));
  EXPECT_EQ(Hits(Dl3050(),
                 "FROM a:1\n"
                 "LABEL x=1\n",
                 {{}, {{"version", "semver"}}, false}),
            (Lines{}));
}

}  // namespace
}  // namespace mybuild::lint::rules
