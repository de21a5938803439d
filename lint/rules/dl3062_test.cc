#include <gtest/gtest.h>

#include "lint/rules/rule_testing.h"
#include "lint/rules/rules.h"

namespace mybuild::lint::rules {
namespace {

using Lines = std::vector<int>;
using testing::Hits;

TEST(DL3062Test, Fires) {
  EXPECT_EQ(Hits(Dl3062(),
                 "FROM a:1\n"
                 "RUN go install github.com/x/y\n"),
            (Lines{2}));
}

TEST(DL3062Test, Clean) {
  EXPECT_EQ(Hits(Dl3062(),
                 "FROM a:1\n"
                 "RUN go install github.com/x/y@v1.2.3 && go install ./cmd/... "
                 "&& go build .\n"),
            (Lines{}));
}

}  // namespace
}  // namespace mybuild::lint::rules
