#include <gtest/gtest.h>

#include "lint/rules/rule_testing.h"
#include "lint/rules/rules.h"

namespace mybuild::lint::rules {
namespace {

using Lines = std::vector<int>;
using testing::Hits;

TEST(DL3020Test, Fires) {
  EXPECT_EQ(Hits(Dl3020(),
                 "FROM a:1\n"
                 "ADD ./message /message\n"),
            (Lines{2}));
  EXPECT_EQ(Hits(Dl3020(),
                 "FROM a:1\n"
                 "ADD a.tar.gz b.txt /x/\n"),
            (Lines{2}));
}

TEST(DL3020Test, Clean) {
  EXPECT_EQ(Hits(Dl3020(),
                 "FROM a:1\n"
                 "ADD https://example.com/x.txt /x\n"
                 "ADD app.tar.gz /opt/\n"
                 "COPY a /b\n"),
            (Lines{}));
}

}  // namespace
}  // namespace mybuild::lint::rules
