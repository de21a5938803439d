#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "lint/rules/rule_testing.h"
#include "lint/rules/rules.h"

namespace mybuild::lint::rules {
namespace {

using Lines = std::vector<int>;
using testing::Described;
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

// hadolint's src/Hadolint/Rule/DL3025.hs checks HEALTHCHECK CMD as well.
TEST(DL3025Test, HealthcheckShellForm) {
  EXPECT_EQ(Described(Dl3025(),
                      "FROM a:1\n"
                      "HEALTHCHECK CMD curl -f http://localhost/\n"
                      "HEALTHCHECK --interval=5s CMD [\"curl\", \"-f\"]\n"
                      "HEALTHCHECK NONE\n"),
            (std::vector<std::string>{
                "2 DL3025 Use arguments JSON notation for CMD and ENTRYPOINT "
                "arguments"}));
}

}  // namespace
}  // namespace mybuild::lint::rules
