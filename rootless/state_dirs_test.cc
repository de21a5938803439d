#include "rootless/state_dirs.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <map>

#include <gtest/gtest.h>

namespace mybuild::rootless {
namespace {

Getenv Env(std::map<std::string, std::string> vars) {
  return [vars](const std::string& k) {
    auto it = vars.find(k);
    return it == vars.end() ? std::string() : it->second;
  };
}

TEST(UserStateDir, XdgDataHomeFirstThenHome) {
  EXPECT_EQ(UserStateDir(Env({{"XDG_DATA_HOME", "/d"}, {"HOME", "/home/u"}})), "/d/mybuild");
  EXPECT_EQ(UserStateDir(Env({{"HOME", "/home/u"}})), "/home/u/.local/share/mybuild");
  // A relative XDG_DATA_HOME is invalid per the spec and ignored.
  EXPECT_EQ(UserStateDir(Env({{"XDG_DATA_HOME", "d"}, {"HOME", "/home/u"}})),
            "/home/u/.local/share/mybuild");
}

TEST(UserRuntimeDir, XdgRuntimeDirElseTmpPerUid) {
  EXPECT_EQ(UserRuntimeDir(Env({{"XDG_RUNTIME_DIR", "/run/user/1000"}}), 1000),
            "/run/user/1000/mybuild");
  EXPECT_EQ(UserRuntimeDir(Env({}), 1000), "/tmp/mybuild-1000");
}

TEST(PrepareRuntimeDir, MakesItOrTakesOnlyOurOwnPrivateOne) {
  const char* tmp = std::getenv("TEST_TMPDIR");
  std::string base = std::string(tmp ? tmp : "/tmp") + "/runtime_dir_test";
  ::rmdir((base + "/ours").c_str());
  ::mkdir(base.c_str(), 0755);
  EXPECT_TRUE(PrepareRuntimeDir(base + "/ours", ::getuid()));
  EXPECT_TRUE(PrepareRuntimeDir(base + "/ours", ::getuid()));  // again: ours
  EXPECT_FALSE(PrepareRuntimeDir(base + "/ours", ::getuid() + 1));  // someone else's
  ::mkdir((base + "/open").c_str(), 0777);
  ::chmod((base + "/open").c_str(), 0777);
  EXPECT_FALSE(PrepareRuntimeDir(base + "/open", ::getuid()));
  ::symlink("ours", (base + "/link").c_str());
  EXPECT_FALSE(PrepareRuntimeDir(base + "/link", ::getuid()));
}

}  // namespace
}  // namespace mybuild::rootless
