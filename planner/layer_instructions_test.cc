// RUN and COPY/ADD as planned: mounts, flags and what goes into keys.
#include <gtest/gtest.h>

#include <optional>

#include "base/sha256.h"
#include "planner/cache_key.h"
#include "planner/plan_build.h"

namespace mybuild::planner {
namespace {

class OneImage : public ImageConfigResolver {
 public:
  Expected<ResolvedImage> Resolve(const std::string& ref) override {
    ResolvedImage img;
    img.ref = "docker.io/library/" + ref;
    img.manifest = oci::Digest::Of(ref + push);
    return img;
  }
  std::string push;  // changes every digest, as a tag pushed again would
};

// Digests name what was asked and a version, so a content change shows.
class VersionedSources : public SourceDigester {
 public:
  Expected<std::string> Digest(const std::vector<std::string>& s) override {
    std::string all;
    for (const std::string& x : s) all += x + "@" + version + ";";
    return all;
  }
  std::string version = "1";
};

struct Planned {
  OneImage images;
  VersionedSources sources;
  Expected<BuildGraph> Plan(const std::string& text) {
    auto df = frontend::ParseDockerfile(text, "Dockerfile");
    if (!df.ok()) return df.status();
    return PlanBuild(*df, BuildRequest{}, images, sources);
  }
  // The last step of the target stage.
  Expected<Step> Last(const std::string& text) {
    ASSIGN_OR_RETURN(BuildGraph g, Plan(text));
    return g.stages[g.target].steps.back();
  }
};

TEST(LayerInstructionsTest, RunMountsAreExpandedAndFromNamesAStage) {
  Planned p;
  auto s = p.Last(
      "FROM busybox AS build\nRUN echo > /out\n"
      "FROM busybox\nARG DIR=/cache\n"
      "RUN --mount=type=cache,target=$DIR,id=c-$DIR,sharing=locked "
      "--mount=type=bind,from=build,source=/out,target=/in "
      "--mount=type=secret,id=tok,env=TOKEN true\n");
  ASSERT_TRUE(s.ok()) << s.status().message();
  ASSERT_EQ(s->run.mounts.size(), 3u);
  EXPECT_EQ(s->run.mounts[0].spec.target, "/cache");
  EXPECT_EQ(s->run.mounts[0].spec.id, "c-/cache");
  EXPECT_EQ(s->run.mounts[0].spec.sharing, frontend::CacheSharing::kLocked);
  EXPECT_EQ(s->run.mounts[0].from_stage, -1);
  EXPECT_EQ(s->run.mounts[1].from_stage, 0);
  EXPECT_EQ(s->run.mounts[1].spec.source, "/out");
  EXPECT_EQ(s->run.mounts[2].spec.env, "TOKEN");
  // The history shows the stage's ARGs and the command, not the mounts.
  EXPECT_EQ(s->created_by, "RUN |1 DIR=/cache /bin/sh -c true # buildkit");
}

TEST(LayerInstructionsTest, BindMountContentsAreInTheKeyButSecretsAreNot) {
  const std::string bind =
      "FROM busybox\nRUN --mount=target=/src,source=src make\n";
  const std::string secret =
      "FROM busybox\nRUN --mount=type=secret,id=tok make\n";
  Planned p;
  std::string bind1 = p.Last(bind)->cache_key;
  std::string secret1 = p.Last(secret)->cache_key;
  std::string plain = p.Last("FROM busybox\nRUN make\n")->cache_key;
  p.sources.version = "2";  // the context changed
  EXPECT_NE(p.Last(bind)->cache_key, bind1);
  EXPECT_EQ(p.Last(secret)->cache_key, secret1);
  EXPECT_NE(secret1, plain);  // a mount is part of the recipe
}

TEST(LayerInstructionsTest, UnsupportedMountsNameTheLine) {
  Planned p;
  EXPECT_EQ(
      p.Plan("FROM busybox\nRUN --mount=type=cache,from=alpine,target=/a true\n")
          .status()
          .message(),
      "Dockerfile:2: RUN --mount=type=cache with from= is not supported yet");
  EXPECT_EQ(
      p.Plan("FROM busybox\nRUN --mount=type=tmpfs true\n").status().message(),
      "Dockerfile:2: RUN --mount: target= is required");
}

TEST(LayerInstructionsTest, CopyFlagsReachTheStep) {
  Planned p;
  auto s = p.Last(
      "FROM busybox AS build\nRUN make\nFROM busybox\nWORKDIR /srv\nARG "
      "EXT=md\n"
      "COPY --from=build --link --parents --exclude=*.$EXT --chmod=u+x "
      "/out/./bin app/\n");
  ASSERT_TRUE(s.ok()) << s.status().message();
  EXPECT_EQ(s->copy.from_stage, 0);
  EXPECT_TRUE(s->copy.link);
  EXPECT_TRUE(s->copy.parents);
  EXPECT_EQ(s->copy.excludes, std::vector<std::string>{"*.md"});
  EXPECT_EQ(s->copy.chmod, "u+x");
  EXPECT_EQ(s->copy.sources, std::vector<std::string>{"/out/./bin"});
  EXPECT_EQ(s->copy.dest, "/srv/app/");
}

TEST(LayerInstructionsTest, AddTakesUrlsWhichAreNotDigestedFromTheContext) {
  Planned p;
  auto s =
      p.Last("FROM busybox\nADD --checksum=sha256:" + std::string(64, 'a') +
             " --unpack=true "
             "https://example.com/a.tgz local.tgz /x/\n");
  ASSERT_TRUE(s.ok()) << s.status().message();
  EXPECT_TRUE(s->copy.is_add);
  EXPECT_EQ(s->copy.checksum, "sha256:" + std::string(64, 'a'));
  EXPECT_EQ(s->copy.unpack, std::optional<bool>(true));
  EXPECT_EQ(s->inputs_digest, "local.tgz@1;");
  EXPECT_EQ(p.Plan("FROM busybox\nCOPY https://example.com/a /x\n")
                .status()
                .message(),
            "Dockerfile:2: source can't be a URL for COPY");
}

TEST(LayerInstructionsTest, CopyFromAStageIsKeyedByThatStage) {
  const std::string df =
      "FROM busybox AS build\nARG V\nRUN make v$V\nFROM busybox\n"
      "COPY --from=build /out /out\n";
  Planned p;
  auto one = p.Last("ARG V=1\n" + df);
  auto two = p.Last("ARG V=2\n" + df);
  ASSERT_TRUE(one.ok() && two.ok());
  EXPECT_NE(one->cache_key, two->cache_key);
}

TEST(LayerInstructionsTest, CopyFromAnImageReadsAnImplicitStage) {
  Planned p;
  const std::string df =
      "FROM scratch\nCOPY --from=alpine:3 /bin/sh /sh\n"
      "RUN --mount=from=alpine:3,target=/a --mount=from=tools,target=/t x\n";
  auto g = p.Plan(df);
  ASSERT_TRUE(g.ok()) << g.status().message();
  ASSERT_EQ(g->stages.size(), 3u);  // one stage per image, however often read
  EXPECT_EQ(g->order, (std::vector<int>{1, 2, 0}));
  EXPECT_EQ(g->stages[0].deps, (std::vector<int>{1, 2}));
  const StagePlan& alpine = g->stages[1];
  EXPECT_TRUE(alpine.implicit);
  EXPECT_TRUE(alpine.steps.empty());
  EXPECT_EQ(alpine.base_image, "docker.io/library/alpine:3");
  EXPECT_EQ(alpine.base_manifest, oci::Digest::Of("alpine:3"));
  EXPECT_EQ(alpine.base_key, BaseKey(alpine, ""));
  EXPECT_EQ(g->stages[2].base_image, "docker.io/library/tools");
  EXPECT_EQ(g->stages[0].steps[0].copy.from_stage, 1);
  EXPECT_EQ(g->stages[0].steps[0].inputs_digest, Sha256Hex("stage " + alpine.base_key));
  EXPECT_EQ(g->stages[0].steps[1].run.mounts[0].from_stage, 1);
  EXPECT_EQ(g->stages[0].steps[1].run.mounts[1].from_stage, 2);
  // The image moves: both steps that read it are new.
  p.images.push = "again";
  auto moved = p.Plan(df);
  ASSERT_TRUE(moved.ok()) << moved.status().message();
  EXPECT_NE(moved->stages[0].steps[0].cache_key, g->stages[0].steps[0].cache_key);
  EXPECT_NE(moved->stages[0].steps[1].cache_key, g->stages[0].steps[1].cache_key);
}

TEST(LayerInstructionsTest, ImageReadsAreImplicitStages) {
  Planned p;
  auto s = p.Last("FROM scratch\nCOPY --from=alpine:3 /x /x\n");
  ASSERT_TRUE(s.ok()) << s.status().message();
  EXPECT_EQ(s->copy.from_stage, 1);
}

}  // namespace
}  // namespace mybuild::planner
