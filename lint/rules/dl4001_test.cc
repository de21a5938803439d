#include <gtest/gtest.h>

#include "lint/rules/rule_testing.h"
#include "lint/rules/rules.h"

namespace mybuild::lint::rules {
namespace {

using Lines = std::vector<int>;
using testing::Hits;

TEST(DL4001Test, Fires) {
  EXPECT_EQ(Hits(Dl4001(),
                 "FROM a:1\n"
                 "RUN wget u\n"
                 "RUN curl u\n"),
            (Lines{3}));
  EXPECT_EQ(Hits(Dl4001(),
                 "FROM a:1\n"
                 "RUN curl u | wget -i -\n"),
            (Lines{2}));
}

TEST(DL4001Test, Clean) {
  EXPECT_EQ(Hits(Dl4001(),
                 "FROM a:1\n"
                 "RUN wget u\n"
                 "FROM b:1\n"
                 "RUN curl u\n"),
            (Lines{}));
  EXPECT_EQ(Hits(Dl4001(),
                 "FROM a:1\n"
                 "RUN apt-get install -y curl wget\n"),
            (Lines{}));
}

}  // namespace
}  // namespace mybuild::lint::rules
