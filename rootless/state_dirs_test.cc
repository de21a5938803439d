#include "rootless/state_dirs.h"

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

}  // namespace
}  // namespace mybuild::rootless
