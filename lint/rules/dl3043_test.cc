#include <gtest/gtest.h>

#include "lint/rules/rule_testing.h"
#include "lint/rules/rules.h"

namespace mybuild::lint::rules {
namespace {

using Lines = std::vector<int>;
using testing::Hits;

TEST(DL3043Test, FiresOnForbiddenTriggers) {
  EXPECT_EQ(Hits(Dl3043(),
                 "ONBUILD ONBUILD RUN early\n"
                 "FROM a:1\n"
                 "ONBUILD ONBUILD RUN make\n"
                 "ONBUILD FROM b:1\n"
                 "onbuild maintainer someone\n"
                 "ONBUILD RUN make\n"),
            (Lines{1, 3, 4, 5}));
}

TEST(DL3043Test, Clean) {
  EXPECT_EQ(Hits(Dl3043(),
                 "FROM a:1\n"
                 "ONBUILD RUN make\n"
                 "ONBUILD COPY . /src\n"
                 "MAINTAINER someone\n"),
            (Lines{}));
}

}  // namespace
}  // namespace mybuild::lint::rules
