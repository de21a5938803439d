#include "executor/run_mounts.h"

#include <gtest/gtest.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "base/sha256.h"
#include "base/temp_dir.h"

namespace mybuild::executor {
namespace {

using frontend::MountType;
using Kind = SandboxMount::Kind;

planner::RunMount Req(const std::string& flag, int from_stage = -1) {
  auto spec = frontend::ParseMount(flag);
  EXPECT_TRUE(spec.ok()) << flag << ": " << spec.status().message();
  return {spec.ok() ? *spec : frontend::MountSpec{}, from_stage};
}

class RunMountsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto d = TempDir::Create();
    ASSERT_TRUE(d.ok());
    dir_ = std::make_unique<TempDir>(std::move(*d));
    ASSERT_TRUE(MakeDirs(P("scratch")).ok());
    ASSERT_TRUE(WriteFileAtomic(P("token.txt"), "from-file").ok());
    in_.context_dir = P("ctx");
    in_.cache_root = P("root/cache-mounts");
    in_.secrets = {{"token", P("token.txt"), ""},
                   {"api", "", "RUN_MOUNTS_TEST_API"}};
    in_.stage_layers = [this](int stage) {
      return std::vector<std::string>{P("s" + std::to_string(stage) + "/top"),
                                      P("s" + std::to_string(stage) + "/base")};
    };
  }
  std::string P(const std::string& p) { return dir_->path() + "/" + p; }
  // Each call gets a fresh scratch dir, as each step does; the first is
  // P("scratch").
  Expected<PreparedMounts> Prepare(std::vector<planner::RunMount> reqs) {
    std::string scratch = P("scratch") + (calls_ ? std::to_string(calls_) : "");
    ++calls_;
    RETURN_IF_ERROR(MakeDirs(scratch));
    return PrepareMounts(reqs, in_, scratch);
  }
  int calls_ = 0;
  std::unique_ptr<TempDir> dir_;
  MountInputs in_;
};

TEST_F(RunMountsTest, BindsFromTheContextOrAStage) {
  auto p = Prepare({Req("type=bind,source=src,target=/src"),
                    Req("type=bind,target=/w,rw"),
                    Req("type=bind,from=build,source=/out,target=/out", 2)});
  ASSERT_TRUE(p.ok()) << p.status().message();
  ASSERT_EQ(p->mounts.size(), 3u);
  const SandboxMount& ro = p->mounts[0];
  EXPECT_EQ(ro.kind, Kind::kBind);
  EXPECT_EQ(ro.sources, std::vector<std::string>{P("ctx")});
  EXPECT_EQ(ro.subpath, "src");
  EXPECT_TRUE(ro.readonly);
  const SandboxMount& rw = p->mounts[1];
  EXPECT_EQ(rw.kind, Kind::kOverlay);  // writes go to scratch, then away
  EXPECT_EQ(rw.sources, std::vector<std::string>{P("ctx")});
  EXPECT_EQ(rw.upper, P("scratch/mount1-rw/upper"));
  EXPECT_EQ(rw.work, P("scratch/mount1-rw/work"));
  EXPECT_FALSE(rw.readonly);
  const SandboxMount& stage = p->mounts[2];
  EXPECT_EQ(stage.kind, Kind::kOverlay);
  EXPECT_EQ(stage.sources,
            (std::vector<std::string>{P("s2/top"), P("s2/base")}));
  EXPECT_EQ(stage.subpath, "/out");
  EXPECT_EQ(stage.upper, "");
}

TEST_F(RunMountsTest, ContextBindsHideWhatDockerignoreExcludes) {
  if (::geteuid() != 0) GTEST_SKIP() << "whiteouts need root";
  for (const char* f : {"ctx/src/keep.c", "ctx/src/secret.key", "ctx/other"}) {
    ASSERT_TRUE(MakeDirs(P(f).substr(0, P(f).rfind('/'))).ok());
    ASSERT_TRUE(WriteFileAtomic(P(f), "x").ok());
  }
  in_.excluded = [](const std::string& p) {
    return p == "src/secret.key" || p == "other";
  };
  auto p = Prepare({Req("type=bind,source=src,target=/src"),
                    Req("type=bind,source=other,target=/o")});
  ASSERT_FALSE(p.ok());
  EXPECT_EQ(
      p.status().message(),
      "RUN --mount: source \"other\" not found in build context or excluded "
      "by .dockerignore");
  p = Prepare({Req("type=bind,source=src,target=/src")});
  ASSERT_TRUE(p.ok()) << p.status().message();
  const SandboxMount& m = p->mounts[0];
  EXPECT_EQ(m.kind, Kind::kOverlay);
  EXPECT_TRUE(m.readonly);
  struct stat st;
  ASSERT_EQ(::lstat((m.upper + "/src/secret.key").c_str(), &st), 0);
  EXPECT_TRUE(S_ISCHR(st.st_mode));  // a whiteout hides it
  in_.excluded = [](const std::string&) { return false; };
  p = Prepare({Req("type=bind,source=src,target=/src")});
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->mounts[0].kind, Kind::kBind);  // nothing to hide
}

TEST_F(RunMountsTest, CacheLeasesAPersistentDir) {
  auto p = Prepare({Req("type=cache,target=/root/.cache,mode=0700")});
  ASSERT_TRUE(p.ok()) << p.status().message();
  ASSERT_EQ(p->mounts.size(), 1u);
  // mode= makes it a cache of its own, as in BuildKit.
  std::string dir =
      P("root/cache-mounts/") + Sha256Hex("/root/.cache:dir 0:0 700") + "-0";
  EXPECT_EQ(p->mounts[0].sources, std::vector<std::string>{dir});
  EXPECT_FALSE(p->mounts[0].readonly);
  struct stat st;
  ASSERT_EQ(::stat(dir.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 07777, 0700u);
  EXPECT_EQ(p->leases.size(), 1u);
}

TEST_F(RunMountsTest, SecretsBecomeFilesOrEnvAndMissingOnesAreSkipped) {
  ::setenv("RUN_MOUNTS_TEST_API", "from-env", 1);
  auto p = Prepare({Req("type=secret,id=token"),
                    Req("type=secret,id=api,env=API_KEY"),
                    Req("type=secret,id=api,target=/k,env=K2,mode=0444,uid=5"),
                    Req("type=secret,id=absent")});
  ASSERT_TRUE(p.ok()) << p.status().message();
  ASSERT_EQ(p->mounts.size(), 2u);
  EXPECT_EQ(p->mounts[0].target, "/k");  // shallower targets first
  EXPECT_EQ(p->mounts[0].content, "from-env");
  EXPECT_EQ(p->mounts[0].mode, 0444u);
  EXPECT_EQ(p->mounts[0].uid, 5u);
  EXPECT_EQ(p->mounts[1].kind, Kind::kFile);
  EXPECT_EQ(p->mounts[1].target, "/run/secrets/token");
  EXPECT_EQ(p->mounts[1].content, "from-file");
  EXPECT_EQ(p->mounts[1].mode, 0400u);
  EXPECT_EQ(p->env,
            (std::vector<std::string>{"API_KEY=from-env", "K2=from-env"}));
  auto required = Prepare({Req("type=secret,id=absent,required")});
  ASSERT_FALSE(required.ok());
  EXPECT_EQ(required.status().message(), "secret absent: not found");
}

TEST_F(RunMountsTest, SshNeedsAForwardedAgentWhenRequired) {
  auto skipped = Prepare({Req("type=ssh")});
  ASSERT_TRUE(skipped.ok());
  EXPECT_TRUE(skipped->mounts.empty());
  auto p = Prepare({Req("type=ssh,required")});
  ASSERT_FALSE(p.ok());
  EXPECT_EQ(p.status().message(),
            "no SSH agent \"default\" forwarded (use --ssh default)");
  in_.ssh["default"] = P("agent.sock");
  p = Prepare({Req("type=ssh"), Req("type=ssh,target=/s2")});
  ASSERT_TRUE(p.ok()) << p.status().message();
  ASSERT_EQ(p->mounts.size(), 2u);
  EXPECT_EQ(p->mounts[0].target, "/s2");
  EXPECT_EQ(p->mounts[1].target, "/run/buildkit/ssh_agent.0");
  EXPECT_EQ(p->mounts[1].sources,
            std::vector<std::string>{P("scratch2/mount1-ssh/agent.sock")});
  EXPECT_EQ(p->env, std::vector<std::string>{
                        "SSH_AUTH_SOCK=/run/buildkit/ssh_agent.0"});
  EXPECT_EQ(p->proxies.size(), 2u);
}

TEST_F(RunMountsTest, TmpfsKeepsItsSize) {
  auto p = Prepare({Req("type=tmpfs,target=/t,size=1048576")});
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->mounts[0].kind, Kind::kTmpfs);
  EXPECT_EQ(p->mounts[0].size, 1048576u);
}

}  // namespace
}  // namespace mybuild::executor
