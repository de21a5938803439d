#include <gtest/gtest.h>

#include "lint/rules/rule_testing.h"
#include "lint/rules/rules.h"

namespace mybuild::lint::rules {
namespace {

using Lines = std::vector<int>;
using testing::Hits;

TEST(DL3025Test, Fires) {
  EXPECT_EQ(Hits(Dl3025(),
                 "FROM a:1\n"
                 "CMD cat /message | figlet\n"
                 "ENTRYPOINT run.sh\n"),
            (Lines{2, 3}));
}

TEST(DL3025Test, Clean) {
  EXPECT_EQ(Hits(Dl3025(),
                 "FROM a:1\n"
                 "CMD [\"figlet\", \"hi\"]\n"
                 "ENTRYPOINT [\"/run.sh\"]\n"),
            (Lines{}));
}

}  // namespace
}  // namespace mybuild::lint::rules
