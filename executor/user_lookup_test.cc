#include "executor/user_lookup.h"

#include <gtest/gtest.h>

namespace mybuild::executor {
namespace {

const char kPasswd[] =
    "root:x:0:0:root:/root:/bin/sh\n"
    "# comment\n"
    "app:x:1000:1000:App:/home/app:/bin/sh\n"
    "nobody:x:65534:65534:nobody:/nonexistent:/bin/false\n";
const char kGroup[] =
    "root:x:0:\n"
    "app:x:1000:\n"
    "wheel:x:10:root,app\n"
    "audio:x:29:app\n"
    "nobody:x:65534:\n";

ResolvedUser Resolve(const std::string& spec) {
  auto r = ResolveUser(spec, kPasswd, kGroup);
  EXPECT_TRUE(r.ok()) << r.status().message();
  return r.ok() ? *r : ResolvedUser{};
}

TEST(UserLookupTest, NamesAndIds) {
  ResolvedUser app = Resolve("app");
  EXPECT_EQ(app.uid, 1000u);
  EXPECT_EQ(app.gid, 1000u);
  EXPECT_EQ(app.supplementary_gids, (std::vector<uint32_t>{1000, 10, 29}));
  EXPECT_EQ(app.home, "/home/app");
  EXPECT_EQ(Resolve("1000").supplementary_gids,
            (std::vector<uint32_t>{1000, 10, 29}));
  ResolvedUser root = Resolve("");
  EXPECT_EQ(root.uid, 0u);
  EXPECT_EQ(root.supplementary_gids, (std::vector<uint32_t>{0, 10}));
}

TEST(UserLookupTest, ExplicitGroupReplacesSupplementary) {
  ResolvedUser u = Resolve("app:audio");
  EXPECT_EQ(u.uid, 1000u);
  EXPECT_EQ(u.gid, 29u);
  EXPECT_TRUE(u.supplementary_gids.empty());
  EXPECT_EQ(Resolve("nobody:0").gid, 0u);
}

TEST(UserLookupTest, UnknownNumericUserHasGroupZero) {
  ResolvedUser u = Resolve("4242");
  EXPECT_EQ(u.uid, 4242u);
  EXPECT_EQ(u.gid, 0u);
  EXPECT_EQ(u.home, "/");
  EXPECT_EQ(Resolve("4242:4343").gid, 4343u);
}

TEST(UserLookupTest, UnknownNamesAreErrors) {
  EXPECT_EQ(ResolveUser("ghost", kPasswd, kGroup).status().message(),
            "unable to find user ghost: no matching entries in passwd file");
  EXPECT_EQ(ResolveUser("app:ghosts", kPasswd, kGroup).status().message(),
            "unable to find group ghosts: no matching entries in group file");
  EXPECT_EQ(ResolveUser("app", "", "").status().message(),
            "unable to find user app: no matching entries in passwd file");
}

std::string Owner(const std::string& chown, const std::string& passwd = kPasswd) {
  ResolvedUser u = ResolveChown(chown, passwd, kGroup);
  return std::to_string(u.uid) + ":" + std::to_string(u.gid);
}

// BuildKit's --chown: a number is the gid too, names that are not found
// are 0 (or keep the user's gid), never an error.
TEST(UserLookupTest, ChownAsBuildKitResolvesIt) {
  EXPECT_EQ(Owner("1234"), "1234:1234");
  EXPECT_EQ(Owner("1000"), "1000:1000");
  EXPECT_EQ(Owner("65534"), "65534:65534");
  EXPECT_EQ(Owner("root"), "0:0");
  EXPECT_EQ(Owner("app"), "1000:1000");
  EXPECT_EQ(Owner("app:audio"), "1000:29");
  EXPECT_EQ(Owner("1234:wheel"), "1234:10");
  EXPECT_EQ(Owner("1234:5"), "1234:5");
  EXPECT_EQ(Owner("app:root"), "1000:0");
  EXPECT_EQ(Owner("ghost"), "0:0");
  EXPECT_EQ(Owner("ghost:audio"), "0:29");
  EXPECT_EQ(Owner("app:ghosts"), "1000:1000");
  EXPECT_EQ(Owner("1234:ghosts"), "1234:1234");
  EXPECT_EQ(Owner("app", ""), "0:0");
  // Past int32, a "number" is a name (strconv.ParseInt(s, 10, 32)).
  EXPECT_EQ(Owner("2147483648"), "0:0");
}

}  // namespace
}  // namespace mybuild::executor
