// Locates ../shared (conformance data and corpus) for tests that read it in
// place. The data is not part of the project; where it is absent, tests skip.
#pragma once

#include <string>

namespace mybuild::testing {

// The absolute path of the shared data directory, or "" when there is none.
// $MYBUILD_SHARED wins; otherwise the `shared` folder beside the checkout
// (found through this header's runfile symlink back into the source tree).
std::string SharedDataDir();

}  // namespace mybuild::testing

// Skips the current test, with a message naming what is missing, when the
// shared data directory is absent. Declares `const std::string shared`.
#define MYBUILD_REQUIRE_SHARED_DATA(shared)                               \
  const std::string shared = ::mybuild::testing::SharedDataDir();         \
  if (shared.empty()) {                                                   \
    GTEST_SKIP() << "../shared (conformance data) not found beside the "  \
                    "checkout; set MYBUILD_SHARED to run this test";      \
  }
