#include "oci/overlay_xattrs.h"

#include <unistd.h>

#include <gtest/gtest.h>

namespace mybuild::oci {
namespace {

TEST(UidMapIsInitial, OnlyTheIdentityOverEveryIdIs) {
  EXPECT_TRUE(UidMapIsInitial("         0          0 4294967295\n"));
  EXPECT_FALSE(UidMapIsInitial("         0       1001          1\n"
                               "         1     100000      65536\n"));
  EXPECT_FALSE(UidMapIsInitial("0 0 65536\n"));
  EXPECT_TRUE(UidMapIsInitial(""));
}

TEST(OverlayOpaqueXattr, MatchesTheNamespaceMode) {
  EXPECT_EQ(OverlayOpaqueXattr(),
            OverlayUsesUserXattrs() ? "user.overlay.opaque" : "trusted.overlay.opaque");
}

}  // namespace
}  // namespace mybuild::oci
