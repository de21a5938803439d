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

TEST(DL3022Test, Fires) {
  EXPECT_EQ(Hits(Dl3022(),
                 "FROM a:1 AS build\n"
                 "FROM b:1\n"
                 "COPY --from=biuld /x /x\n"
                 "COPY --from=2 /y /y\n"),
            (Lines{3, 4}));
}

TEST(DL3022Test, Clean) {
  EXPECT_EQ(Hits(Dl3022(),
                 "FROM a:1 AS build\n"
                 "FROM b:1\n"
                 "COPY --from=build /x /x\n"
                 "COPY --from=0 /y /y\n"
                 "COPY --from=nginx:1 /z /z\n"),
            (Lines{}));
}

// hadolint's DL3022.hs counts the COPY's own stage among the defined ones:
// a COPY from it is DL3023's alone. Aliases match as written.
TEST(DL3022Test, OwnStageIsDl3023s) {
  EXPECT_EQ(Described(Dl3022(),
                      "FROM a:1 AS build\n"
                      "COPY --from=build /x /x\n"
                      "FROM b:1 AS Final\n"
                      "COPY --from=1 /y /y\n"
                      "COPY --from=Final /y /y\n"
                      "COPY --from=final /y /y\n"),
            (std::vector<std::string>{
                "6 DL3022 `COPY --from` should reference a previously "
                "defined `FROM` alias"}));
}

}  // namespace
}  // namespace mybuild::lint::rules
