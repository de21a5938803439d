#include <gtest/gtest.h>

#include "lint/rules/rule_testing.h"
#include "lint/rules/rules.h"

namespace mybuild::lint::rules {
namespace {

using Lines = std::vector<int>;
using testing::Hits;

TEST(DL4005Test, Fires) {
  EXPECT_EQ(Hits(Dl4005(),
                 "FROM a:1\n"
                 "RUN ln -sfv /bin/bash /bin/sh\n"),
            (Lines{2}));
}

TEST(DL4005Test, Clean) {
  EXPECT_EQ(Hits(Dl4005(),
                 "FROM a:1\n"
                 "SHELL [\"/bin/bash\", \"-c\"]\n"
                 "RUN ln -s /a /b\n"),
            (Lines{}));
}

}  // namespace
}  // namespace mybuild::lint::rules
