#include "planner/cache_key.h"

#include <gtest/gtest.h>

#include "base/sha256.h"

namespace mybuild::planner {
namespace {

Step RunStepOf(std::string cmd) {
  Step s;
  s.kind = StepKind::kRun;
  s.run.argv = {"/bin/sh", "-c", std::move(cmd)};
  s.run.env = {"PATH=/bin"};
  s.run.workdir = "/";
  s.file = "Dockerfile";
  s.line = 3;
  return s;
}

TEST(CacheKeyTest, RecipeBytesArePinned) {
  EXPECT_EQ(StepRecipe(RunStepOf("make"), "p", ""),
            "{\"argv\":[\"/bin/sh\",\"-c\",\"make\"],\"env\":[\"PATH=/bin\"],"
            "\"kind\":\"run\",\"network_none\":false,\"parent\":\"p\","
            "\"user\":\"\",\"v\":3,\"workdir\":\"/\"}");
  Step copy;
  copy.kind = StepKind::kCopy;
  copy.copy.sources = {"a.txt"};
  copy.copy.dest = "/app/";
  EXPECT_EQ(StepRecipe(copy, "p", "sha256:in"),
            "{\"add\":false,\"chmod\":\"\",\"chown\":\"\",\"dest\":\"/app/\","
            "\"inputs\":\"sha256:in\",\"kind\":\"copy\",\"parent\":\"p\","
            "\"sources\":[\"a.txt\"],\"v\":3}");
  EXPECT_EQ(StepKey(copy, "p", "sha256:in"),
            Sha256Hex(StepRecipe(copy, "p", "sha256:in")));
}

TEST(CacheKeyTest, HostNetworkAndAddHostsOnlyWhenSet) {
  Step s = RunStepOf("make");
  s.run.network_host = true;
  s.run.extra_hosts = {{"db", "10.0.0.5"}, {"v6", "::1"}};
  EXPECT_EQ(StepRecipe(s, "p", ""),
            "{\"argv\":[\"/bin/sh\",\"-c\",\"make\"],\"env\":[\"PATH=/bin\"],"
            "\"extra_hosts\":[\"db:10.0.0.5\",\"v6:::1\"],"
            "\"kind\":\"run\",\"network_host\":true,\"network_none\":false,"
            "\"parent\":\"p\",\"user\":\"\",\"v\":3,\"workdir\":\"/\"}");
}

// Words are bytes; JSON holds UTF-8. A word that is not UTF-8 is written as
// {"bytes": hex}, which no string is, so keys of UTF-8 words stay as they
// were and no two words share a key.
TEST(CacheKeyTest, WordsThatAreNotUtf8AreHexInTheRecipe) {
  Step copy;
  copy.kind = StepKind::kCopy;
  copy.copy.sources = {"\xff\xfe.bin", "ok"};
  copy.copy.dest = "/\xff/";
  EXPECT_EQ(StepRecipe(copy, "p", "sha256:in"),
            "{\"add\":false,\"chmod\":\"\",\"chown\":\"\","
            "\"dest\":{\"bytes\":\"2fff2f\"},"
            "\"inputs\":\"sha256:in\",\"kind\":\"copy\",\"parent\":\"p\","
            "\"sources\":[{\"bytes\":\"fffe2e62696e\"},\"ok\"],\"v\":3}");
  Step run = RunStepOf("echo \xff");
  run.run.env.push_back("A=\xc3");
  EXPECT_NE(StepRecipe(run, "p", "").find(
                "\"argv\":[\"/bin/sh\",\"-c\",{\"bytes\":\"6563686f20ff\"}],"
                "\"env\":[\"PATH=/bin\",{\"bytes\":\"413dc3\"}]"),
            std::string::npos);
}

TEST(CacheKeyTest, HeredocContentsJoinTheRecipeOnlyWhenPresent) {
  Step run = RunStepOf("/dev/pipes/EOF");
  run.run.files = {{"EOF", "#!/bin/sh\n"}};
  EXPECT_EQ(StepRecipe(run, "p", ""),
            "{\"argv\":[\"/bin/sh\",\"-c\",\"/dev/pipes/EOF\"],"
            "\"env\":[\"PATH=/bin\"],\"files\":[[\"EOF\",\"#!/bin/sh\\n\"]],"
            "\"kind\":\"run\",\"network_none\":false,\"parent\":\"p\","
            "\"user\":\"\",\"v\":3,\"workdir\":\"/\"}");
  Step copy;
  copy.kind = StepKind::kCopy;
  copy.copy.inline_sources = {{"a", "1"}, {"b", ""}};
  copy.copy.dest = "/d/";
  EXPECT_EQ(StepRecipe(copy, "p", ""),
            "{\"add\":false,\"chmod\":\"\",\"chown\":\"\",\"dest\":\"/d/\","
            "\"inline\":[[\"a\",\"1\"],[\"b\",\"\"]],\"inputs\":\"\","
            "\"kind\":\"copy\",\"parent\":\"p\",\"sources\":[],\"v\":3}");
}

TEST(CacheKeyTest, OnlyOutputRelevantFieldsCount) {
  Step a = RunStepOf("make"), b = RunStepOf("make");
  b.line = 40;
  b.text = "RUN   make";
  b.file = "other/Dockerfile";
  EXPECT_EQ(StepKey(a, "p", ""), StepKey(b, "p", ""));
  EXPECT_NE(StepKey(a, "p", ""), StepKey(a, "q", ""));
  b = RunStepOf("make");
  b.run.env.push_back("V=2");
  EXPECT_NE(StepKey(a, "p", ""), StepKey(b, "p", ""));
  b = RunStepOf("make");
  b.run.user = "app";
  EXPECT_NE(StepKey(a, "p", ""), StepKey(b, "p", ""));
}

TEST(CacheKeyTest, WorkdirKeysNameTheUserOnlyAfterAUser) {
  Step w;
  w.kind = StepKind::kWorkdir;
  w.workdir = "/app";
  EXPECT_EQ(StepRecipe(w, "p", ""),
            "{\"kind\":\"workdir\",\"parent\":\"p\",\"v\":3,\"workdir\":\"/app\"}");
  w.workdir_user = "app:staff";
  EXPECT_EQ(StepRecipe(w, "p", ""),
            "{\"kind\":\"workdir\",\"parent\":\"p\",\"user\":\"app:staff\",\"v\":3,"
            "\"workdir\":\"/app\"}");
}

TEST(CacheKeyTest, BaseKeysDifferByOrigin) {
  StagePlan scratch, image, stage;
  image.base_image = "docker.io/library/busybox:latest";
  image.base_manifest = oci::Digest::Of("m");
  stage.base_stage = 0;
  EXPECT_NE(BaseKey(scratch, ""), BaseKey(image, ""));
  EXPECT_NE(BaseKey(stage, "k1"), BaseKey(stage, "k2"));
  StagePlan other = image;
  other.base_manifest = oci::Digest::Of("m2");
  EXPECT_NE(BaseKey(image, ""), BaseKey(other, ""));
}

// docs/cache-keys.md: the epoch joins the base recipe only when set.
TEST(CacheKeyTest, SourceDateEpochIsPartOfTheBaseKey) {
  StagePlan scratch;
  EXPECT_EQ(BaseKey(scratch, ""), Sha256Hex("{\"scratch\":true,\"v\":3}"));
  EXPECT_EQ(BaseKey(scratch, "", 1700000000),
            Sha256Hex("{\"scratch\":true,\"source_date_epoch\":1700000000,\"v\":3}"));
}

// docs/cache-keys.md: a platform other than linux/amd64 joins the base
// recipe, so an arm64 step never reuses an amd64 one.
TEST(CacheKeyTest, PlatformIsPartOfTheBaseKey) {
  StagePlan scratch;
  EXPECT_EQ(BaseKey(scratch, "", std::nullopt, "linux/arm64"),
            Sha256Hex("{\"platform\":\"linux/arm64\",\"scratch\":true,\"v\":3}"));
}

}  // namespace
}  // namespace mybuild::planner
