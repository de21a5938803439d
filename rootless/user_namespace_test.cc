#include "rootless/user_namespace.h"

#include <gtest/gtest.h>

namespace mybuild::rootless {
namespace {

TEST(IdMapArgv, MapsTheCallerToZeroAndItsRangeFromOne) {
  EXPECT_EQ(IdMapArgv("/usr/bin/newuidmap", 4242, 1001, IdRange{100000, 65536}),
            (std::vector<std::string>{"/usr/bin/newuidmap", "4242", "0", "1001", "1", "1",
                                      "100000", "65536"}));
}

}  // namespace
}  // namespace mybuild::rootless
