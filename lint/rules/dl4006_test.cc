#include <gtest/gtest.h>

#include "lint/rules/rule_testing.h"
#include "lint/rules/rules.h"

namespace mybuild::lint::rules {
namespace {

using Lines = std::vector<int>;
using testing::Hits;

TEST(DL4006Test, Fires) {
  EXPECT_EQ(Hits(Dl4006(),
                 "FROM a:1\n"
                 "RUN curl -fsSL u | sh\n"),
            (Lines{2}));
  EXPECT_EQ(Hits(Dl4006(),
                 "FROM a:1\n"
                 "SHELL [\"/bin/bash\", \"-c\"]\n"
                 "RUN a | b\n"),
            (Lines{3}));
}

TEST(DL4006Test, Clean) {
  EXPECT_EQ(Hits(Dl4006(),
                 "FROM a:1\n"
                 "SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\n"
                 "RUN a | b\n"),
            (Lines{}));
  EXPECT_EQ(Hits(Dl4006(),
                 "FROM a:1\n"
                 "RUN set -o pipefail && a | b\n"),
            (Lines{}));
  EXPECT_EQ(Hits(Dl4006(),
                 "FROM a:1\n"
                 "RUN a || b\n"),
            (Lines{}));
  EXPECT_EQ(Hits(Dl4006(),
                 "FROM w:1\n"
                 "SHELL [\"pwsh\", \"-c\"]\n"
                 "RUN a | b\n"),
            (Lines{}));
}

}  // namespace
}  // namespace mybuild::lint::rules
