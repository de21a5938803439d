#include "cli/progress/progress_mode.h"

#include <gtest/gtest.h>

namespace mybuild::cli::progress {
namespace {

TEST(ProgressModeTest, FlagWinsOverEnvWhichWinsOverAuto) {
  EXPECT_EQ(*ResolveProgressMode("", ""), "auto");
  EXPECT_EQ(*ResolveProgressMode("", "rawjson"), "rawjson");
  EXPECT_EQ(*ResolveProgressMode("plain", "tty"), "plain");
  // A bad env value does not matter when the flag is given.
  EXPECT_EQ(*ResolveProgressMode("quiet", "fancy"), "quiet");
}

TEST(ProgressModeTest, InvalidEnvValueIsAnError) {
  Expected<std::string> m = ResolveProgressMode("", "fancy");
  ASSERT_FALSE(m.ok());
  EXPECT_EQ(m.status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(m.status().message(),
            "BUILDKIT_PROGRESS=fancy: not a progress mode (auto, plain, tty, rawjson or quiet)");
}

}  // namespace
}  // namespace mybuild::cli::progress
