#include "rootless/prerequisites.h"

#include <gtest/gtest.h>

namespace mybuild::rootless {
namespace {

HostFacts Ready() {
  HostFacts f;
  f.user = "alice";
  f.uid = 1000;
  f.subuid = "bob:200000:65536\nalice:100000:65536\n";
  f.subgid = "1000:300000:1000\n";
  f.newuidmap = "/usr/bin/newuidmap";
  f.newgidmap = "/usr/bin/newgidmap";
  f.max_user_namespaces = "96362";
  f.kernel_overlay = true;
  return f;
}

TEST(FindRange, MatchesNameOrUidAndSkipsBadLines) {
  Expected<IdRange> r = FindRange("junk\nalice:x:5\nalice:7:0\nalice:10:20\n", "alice", 1);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->start, 10u);
  EXPECT_EQ(r->count, 20u);
  Expected<IdRange> by_uid = FindRange("1000:300000:1000\n", "alice", 1000);
  ASSERT_TRUE(by_uid.ok());
  EXPECT_EQ(by_uid->start, 300000u);
  EXPECT_FALSE(FindRange("alicex:1:2\n", "alice", 1000).ok());
}

TEST(CheckPrerequisites, ReadyHostGivesBothRanges) {
  Expected<Ranges> r = CheckPrerequisites(Ready());
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->uids.start, 100000u);
  EXPECT_EQ(r->gids.start, 300000u);
  EXPECT_EQ(r->gids.count, 1000u);
}

TEST(CheckPrerequisites, NoSubuidRangeNamesUsermod) {
  HostFacts f = Ready();
  f.subuid = "";
  EXPECT_EQ(CheckPrerequisites(f).status().message(),
            "rootless: user alice has no subordinate uid range in /etc/subuid; as root run "
            "`usermod --add-subuids 100000-165535 --add-subgids 100000-165535 alice`");
  f = Ready();
  f.subgid = "bob:1:2\n";
  EXPECT_EQ(CheckPrerequisites(f).status().message(),
            "rootless: user alice has no subordinate gid range in /etc/subgid; as root run "
            "`usermod --add-subuids 100000-165535 --add-subgids 100000-165535 alice`");
}

TEST(CheckPrerequisites, NoNewuidmapNamesUidmapPackage) {
  HostFacts f = Ready();
  f.newgidmap = "";
  EXPECT_EQ(CheckPrerequisites(f).status().message(),
            "rootless: newuidmap/newgidmap not found on PATH; as root run "
            "`apt-get install uidmap`, or run mybuild as root");
}

TEST(CheckPrerequisites, DisabledUsernsNamesTheSysctl) {
  HostFacts f = Ready();
  f.userns_clone = "0";
  const std::string want =
      "rootless: unprivileged user namespaces are disabled on this host; as root run "
      "`sysctl -w kernel.unprivileged_userns_clone=1` (Debian) and "
      "`sysctl -w user.max_user_namespaces=15000`, or run mybuild as root";
  EXPECT_EQ(CheckPrerequisites(f).status().message(), want);
  f = Ready();
  f.max_user_namespaces = "0";
  EXPECT_EQ(CheckPrerequisites(f).status().message(), want);
}

TEST(CheckPrerequisites, NoOverlayAndNoFuseOverlayfs) {
  HostFacts f = Ready();
  f.kernel_overlay = false;
  EXPECT_EQ(CheckPrerequisites(f).status().message(),
            "rootless: this kernel does not mount overlay in a user namespace (needs Linux "
            "5.11+) and fuse-overlayfs is not installed; as root run "
            "`apt-get install fuse-overlayfs`");
  f.fuse_overlayfs = "/usr/bin/fuse-overlayfs";
  EXPECT_TRUE(CheckPrerequisites(f).ok());
}

}  // namespace
}  // namespace mybuild::rootless
