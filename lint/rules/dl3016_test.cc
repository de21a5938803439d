#include <gtest/gtest.h>

#include "lint/rules/rule_testing.h"
#include "lint/rules/rules.h"

namespace mybuild::lint::rules {
namespace {

using Lines = std::vector<int>;
using testing::Hits;

TEST(DL3016Test, Fires) {
  EXPECT_EQ(Hits(Dl3016(),
                 "FROM a:1\n"
                 "RUN npm install express\n"),
            (Lines{2}));
  EXPECT_EQ(Hits(Dl3016(),
                 "FROM a:1\n"
                 "RUN npm install -g @angular/cli\n"),
            (Lines{2}));
}

TEST(DL3016Test, Clean) {
  EXPECT_EQ(Hits(Dl3016(),
                 "FROM a:1\n"
                 "RUN npm install && npm install express@4 @scope/x@1 ./dir "
                 "x.tgz git+https://h/r#v1\n"),
            (Lines{}));
  EXPECT_EQ(Hits(Dl3016(),
                 "FROM a:1\n"
                 "RUN npm ci\n"),
            (Lines{}));
}

}  // namespace
}  // namespace mybuild::lint::rules
