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

TEST(DL3023Test, Fires) {
  EXPECT_EQ(Hits(Dl3023(),
                 "FROM a:1 AS build\n"
                 "COPY --from=build /x /y\n"),
            (Lines{2}));
}

TEST(DL3023Test, Clean) {
  EXPECT_EQ(Hits(Dl3023(),
                 "FROM a:1 AS build\n"
                 "FROM b:1 AS final\n"
                 "COPY --from=build /x /y\n"),
            (Lines{}));
}

// hadolint's DL3023.hs compares the alias as written.
TEST(DL3023Test, AliasAsWritten) {
  EXPECT_EQ(Described(Dl3023(),
                      "FROM a:1 AS Build\n"
                      "COPY --from=build /x /y\n"
                      "COPY --from=Build /x /y\n"),
            (std::vector<std::string>{
                "3 DL3023 `COPY --from` cannot reference its own `FROM` "
                "alias"}));
}

}  // namespace
}  // namespace mybuild::lint::rules
