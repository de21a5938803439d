#include "frontend/mount.h"

#include <gtest/gtest.h>

namespace mybuild::frontend {
namespace {

std::string Error(std::string_view spec) {
  Expected<MountSpec> m = ParseMount(spec);
  return m.ok() ? "ok" : m.status().message();
}

TEST(MountTest, BindDefaults) {
  Expected<MountSpec> m = ParseMount("target=/src,from=build,source=/out");
  ASSERT_TRUE(m.ok()) << m.status().message();
  EXPECT_EQ(m->type, MountType::kBind);
  EXPECT_EQ(m->target, "/src");
  EXPECT_EQ(m->from, "build");
  EXPECT_EQ(m->source, "/out");
  EXPECT_TRUE(m->readonly);
  Expected<MountSpec> rw = ParseMount("type=bind,dst=/x,rw");
  ASSERT_TRUE(rw.ok());
  EXPECT_FALSE(rw->readonly);
}

TEST(MountTest, CacheSecretSshTmpfs) {
  Expected<MountSpec> c = ParseMount(
      "type=cache,target=/root/.cache,id=go-$TARGETARCH,sharing=locked,"
      "mode=0755,uid=1000,gid=1000");
  ASSERT_TRUE(c.ok()) << c.status().message();
  EXPECT_EQ(c->type, MountType::kCache);
  EXPECT_FALSE(c->readonly);
  EXPECT_EQ(c->id, "go-$TARGETARCH");
  EXPECT_EQ(c->sharing, CacheSharing::kLocked);
  EXPECT_EQ(c->mode, 0755u);
  EXPECT_EQ(c->uid, 1000u);
  Expected<MountSpec> s = ParseMount("type=secret,id=npmrc,required");
  ASSERT_TRUE(s.ok());
  EXPECT_TRUE(s->required);
  EXPECT_TRUE(s->readonly);
  Expected<MountSpec> e = ParseMount("type=secret,id=tok,env=TOKEN");
  ASSERT_TRUE(e.ok());
  EXPECT_EQ(e->env, "TOKEN");
  EXPECT_EQ(ParseMount("type=ssh")->type, MountType::kSsh);
  Expected<MountSpec> t = ParseMount("type=tmpfs,target=/t,size=64m");
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->size, 64u << 20);
  EXPECT_EQ(ParseMount("\"type=bind\",target=/a")->target, "/a");
}

TEST(MountTest, Errors) {
  EXPECT_EQ(Error("type=bnd,target=/x"),
            "unsupported mount type \"bnd\" (did you mean bind?)");
  EXPECT_EQ(Error("tagret=/x"),
            "unexpected key 'tagret' in 'tagret=/x' (did you mean target?)");
  EXPECT_EQ(Error("type=bind,target=/x,mode=0644"),
            "mode not allowed for \"bind\" type mounts");
  EXPECT_EQ(Error("type=cache,target=/x,sharing=open"),
            "unsupported sharing value \"open\"");
  EXPECT_EQ(Error("type=bind,target=/x,sharing=shared"),
            "invalid cache sharing set for bind mount");
  EXPECT_EQ(Error("type=cache,target=/x,uid=me"), "invalid value me for uid");
  EXPECT_EQ(Error("type=secret"),
            "invalid secret mount. one of source, target required");
  EXPECT_EQ(Error("type=secret,id=a,source=b"),
            "both source and id can't be set");
  EXPECT_EQ(Error("type=bind,target=/x,required"),
            "unexpected key 'required' for mount type 'bind'");
  EXPECT_EQ(Error("target"), "invalid field 'target' must be a key=value pair");
  EXPECT_EQ(Error("from=binaries"), "ok");  // BuildKit's own Dockerfile
  EXPECT_EQ(Error("type=$T,target=/x"),
            "'type' doesn't support variable expansion");
  EXPECT_EQ(Error("target=/x,ro=maybe"), "invalid value for ro: maybe");
  EXPECT_EQ(Error("target=a\"b"), "bare \" in non-quoted-field");
}

}  // namespace
}  // namespace mybuild::frontend
