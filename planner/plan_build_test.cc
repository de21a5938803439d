#include "planner/plan_build.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace mybuild::planner {
namespace {

class FakeImages : public ImageConfigResolver {
 public:
  Expected<ResolvedImage> Resolve(const std::string& ref) override {
    resolved.push_back(ref);
    if (ref == "missing") return NotFound("image missing not found");
    ResolvedImage img;
    img.ref = "docker.io/library/" + ref;
    img.manifest = oci::Digest::Of(ref);
    img.config.config.env = {"PATH=/usr/bin:/bin", "HOME=/root"};
    img.config.config.cmd = {"sh"};
    if (ref == "bad-trigger") img.config.config.on_build = {"RUNN make"};
    if (ref == "trigger") img.config.config.on_build = {"RUN make"};
    if (ref == "classic") {  // as Docker's classic builder writes configs
      img.config.config.env = {"HOME=/root"};
      img.config.unknown = {{"container_config", "{}"},
                            {"docker_version", "\"20.10.24\""},
                            {"os.features", "[\"win32k\"]"}};
      img.config.config.unknown = {{"Hostname", "\"\""}, {"Image", "\"sha256:1\""}};
    }
    return img;
  }
  std::vector<std::string> resolved;
};

class FakeSources : public SourceDigester {
 public:
  Expected<std::string> Digest(const std::vector<std::string>& s) override {
    std::string all;
    for (const std::string& x : s) all += x + "@" + version + ";";
    return all;
  }
  std::string version = "1";
};

struct Fixture {
  FakeImages images;
  FakeSources sources;
  Expected<BuildGraph> Plan(const std::string& text, BuildRequest r = {}) {
    auto df = frontend::ParseDockerfile(text, "Dockerfile");
    if (!df.ok()) return df.status();
    return PlanBuild(*df, r, images, sources);
  }
};

// ARG A=$A$A doubles A; forty of them would be 64 GiB. A word stops at
// 1 MiB and a stage's variables at 16 MiB, each an error at its line.
TEST(PlanBuildTest, ExpansionAndVariablesAreCapped) {
  Fixture f;
  std::string doubling = "FROM scratch\nARG A=" + std::string(64, 'a') + "\n";
  for (int i = 0; i < 40; ++i) doubling += "ARG A=$A$A\n";
  auto g = f.Plan(doubling);
  ASSERT_FALSE(g.ok());
  EXPECT_EQ(g.status().message(),  // 64 B * 2^15 = 2 MiB
            "Dockerfile:17: expanding \"$A$A\": the result would be over 1 MiB");
  std::string many = "FROM scratch\nARG H=" + std::string(64, 'a') + "\n";
  for (int i = 0; i < 14; ++i) many += "ARG H=$H$H\n";  // 1 MiB
  for (int i = 1; i <= 20; ++i) many += "ENV E" + std::to_string(i) + "=$H\n";
  g = f.Plan(many);
  ASSERT_FALSE(g.ok());
  EXPECT_EQ(g.status().message(),
            "Dockerfile:31: ENV E15: the stage's variables would be over 16 MiB");
  std::string globals = "ARG H=" + std::string(64, 'a') + "\n";
  for (int i = 0; i < 14; ++i) globals += "ARG H=$H$H\n";
  for (int i = 1; i <= 20; ++i) globals += "ARG G" + std::to_string(i) + "=$H\n";
  g = f.Plan(globals + "FROM scratch\n");
  ASSERT_FALSE(g.ok());
  EXPECT_EQ(g.status().message(),
            "Dockerfile:30: ARG G15: the global variables would be over 16 MiB");
}

// buildx's --label: on the target's image, over its LABELs, nowhere else.
TEST(PlanBuildTest, LabelFlagsLandOnTheTargetImage) {
  Fixture f;
  BuildRequest r;
  r.labels = {{"org.example.a", "flag"}, {"b", ""}};
  auto g = f.Plan("FROM scratch AS base\nLABEL org.example.a=file c=3\n"
                  "FROM base\nLABEL d=4\n", r);
  ASSERT_TRUE(g.ok()) << g.status().message();
  EXPECT_EQ(g->stages[1].final_config.labels,
            (std::map<std::string, std::string>{
                {"b", ""}, {"c", "3"}, {"d", "4"}, {"org.example.a", "flag"}}));
  EXPECT_EQ(g->stages[0].final_config.labels,
            (std::map<std::string, std::string>{{"c", "3"}, {"org.example.a", "file"}}));
}

TEST(PlanBuildTest, ExpandsWordsAndTracksConfig) {
  Fixture f;
  BuildRequest r;
  r.build_args = {{"VERSION", "2.0"}};
  auto g = f.Plan(
      "ARG BASE=busybox\n"
      "FROM ${BASE}\n"
      "ARG VERSION=1.0\n"
      "ENV APP_HOME=/srv/app VERSION_LABEL=v$VERSION\n"
      "WORKDIR $APP_HOME\n"
      "COPY app.txt data/\n"
      "RUN echo $VERSION\n"
      "USER nobody\n"
      "EXPOSE 8080 53/udp\n"
      "ENTRYPOINT [\"/bin/app\"]\n",
      r);
  ASSERT_TRUE(g.ok()) << g.status().message();
  EXPECT_EQ(f.images.resolved, (std::vector<std::string>{"busybox"}));
  const StagePlan& s = g->stages[0];
  EXPECT_EQ(s.base_image, "docker.io/library/busybox");
  ASSERT_EQ(s.steps.size(), 8u);
  EXPECT_EQ(s.steps[2].kind, StepKind::kWorkdir);
  EXPECT_EQ(s.steps[2].workdir, "/srv/app");
  EXPECT_EQ(s.steps[3].copy.dest, "/srv/app/data/");
  EXPECT_EQ(s.steps[3].copy.sources, (std::vector<std::string>{"app.txt"}));
  EXPECT_EQ(s.steps[4].run.argv,
            (std::vector<std::string>{"/bin/sh", "-c", "echo $VERSION"}));
  EXPECT_EQ(s.steps[4].run.env,
            (std::vector<std::string>{"PATH=/usr/bin:/bin", "HOME=/root",
                                      "APP_HOME=/srv/app", "VERSION_LABEL=v2.0",
                                      "VERSION=2.0"}));
  EXPECT_EQ(s.steps[4].run.workdir, "/srv/app");
  EXPECT_EQ(s.steps[4].line, 7);
  // Each step's history entry, spelled as BuildKit's.
  std::vector<std::string> history;
  for (const Step& step : s.steps) history.push_back(step.created_by);
  EXPECT_EQ(history, (std::vector<std::string>{
                         "ARG VERSION=2.0",
                         "ENV APP_HOME=/srv/app VERSION_LABEL=v2.0",
                         "WORKDIR /srv/app",
                         "COPY app.txt data/ # buildkit",
                         "RUN |1 VERSION=2.0 /bin/sh -c echo $VERSION # buildkit",
                         "USER nobody",
                         "EXPOSE [8080/tcp 53/udp]",
                         "ENTRYPOINT [\"/bin/app\"]",
                     }));
  EXPECT_EQ(s.final_config.user, "nobody");
  EXPECT_EQ(s.final_config.exposed_ports,
            (std::set<std::string>{"53/udp", "8080/tcp"}));
  EXPECT_EQ(s.final_config.entrypoint, (std::vector<std::string>{"/bin/app"}));
  EXPECT_TRUE(s.final_config.cmd.empty());  // ENTRYPOINT dropped base CMD
  EXPECT_EQ(s.steps[0].cache_key, "");      // ARG makes no layer
  EXPECT_EQ(s.steps[1].cache_key, "");      // nor does ENV
  EXPECT_EQ(s.steps[4].cache_key.size(), 64u);
}

TEST(PlanBuildTest, KeysChangeFromTheChangedInputOn) {
  Fixture f;
  const std::string text = "FROM busybox\nRUN echo a\nCOPY x /x\nRUN echo b\n";
  auto a = f.Plan(text);
  f.sources.version = "2";
  auto b = f.Plan(text);
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(a->stages[0].steps[0].cache_key, b->stages[0].steps[0].cache_key);
  EXPECT_NE(a->stages[0].steps[1].cache_key, b->stages[0].steps[1].cache_key);
  EXPECT_NE(a->stages[0].steps[2].cache_key, b->stages[0].steps[2].cache_key);

  BuildRequest r;
  r.build_args = {{"X", "1"}};
  auto c = f.Plan("FROM busybox\nRUN echo a\nARG X\nRUN echo b\n", r);
  r.build_args = {{"X", "2"}};
  auto d = f.Plan("FROM busybox\nRUN echo a\nARG X\nRUN echo b\n", r);
  EXPECT_EQ(c->stages[0].steps[0].cache_key, d->stages[0].steps[0].cache_key);
  EXPECT_NE(c->stages[0].steps[2].cache_key, d->stages[0].steps[2].cache_key);
}

TEST(PlanBuildTest, TargetPrunesUnusedStages) {
  Fixture f;
  BuildRequest r;
  r.target = "app";
  auto g = f.Plan(
      "FROM alpine AS unused\nRUN true\n"
      "FROM busybox AS base\nRUN echo base\n"
      "FROM base AS app\nCMD [\"x\"]\n"
      "FROM scratch AS last\nCOPY --from=tools /t /t\n",
      r);
  ASSERT_TRUE(g.ok()) << g.status().message();
  EXPECT_EQ(g->target, 2);
  EXPECT_EQ(g->order, (std::vector<int>{1, 2}));
  EXPECT_EQ(g->stages[2].base_stage, 1);
  EXPECT_EQ(f.images.resolved, (std::vector<std::string>{"busybox"}));
}

TEST(PlanBuildTest, BuildWideNetworkReachesRunsWithoutTheirOwn) {
  Fixture f;
  const std::string df =
      "FROM busybox AS a\nRUN a\nRUN --network=default b\nRUN --network=none c\n"
      "FROM busybox\nRUN --network=host d\n";
  BuildRequest r;
  r.target = "a";
  auto plain = f.Plan(df, r);
  r.network = frontend::RunNetwork::kNone;
  auto none = f.Plan(df, r);
  r.network = frontend::RunNetwork::kHost;
  r.allow_network_host = true;
  auto host = f.Plan(df, r);
  ASSERT_TRUE(plain.ok() && none.ok() && host.ok());
  auto nets = [](const BuildGraph& g) {
    std::vector<std::string> out;
    for (const Step& s : g.stages[0].steps) {
      out.push_back(s.run.network_none ? "none" : s.run.network_host ? "host" : "default");
    }
    return out;
  };
  using V = std::vector<std::string>;
  EXPECT_EQ(nets(*plain), (V{"default", "default", "none"}));
  EXPECT_EQ(nets(*none), (V{"none", "none", "none"}));
  EXPECT_EQ(nets(*host), (V{"host", "host", "none"}));
  // The network is in the key: the first two steps differ, the third not.
  EXPECT_NE(none->stages[0].steps[0].cache_key, plain->stages[0].steps[0].cache_key);
  EXPECT_NE(host->stages[0].steps[0].cache_key, plain->stages[0].steps[0].cache_key);
  EXPECT_NE(host->stages[0].steps[0].cache_key, none->stages[0].steps[0].cache_key);
  EXPECT_EQ(none->stages[0].steps[2].inputs, [&] {
    auto in = plain->stages[0].steps[2].inputs;
    for (StepInput& i : in) {
      if (i.name == "parent") i.value = none->stages[0].steps[1].cache_key;
    }
    return in;
  }());
  // A RUN of its own --network=host has the host's network even when the
  // build's is none.
  r.target = "";
  r.network = frontend::RunNetwork::kNone;
  auto own_host = f.Plan(df, r);
  ASSERT_TRUE(own_host.ok()) << own_host.status().message();
  const Step& d = own_host->stages[1].steps[0];
  EXPECT_TRUE(d.run.network_host);
  EXPECT_NE(std::find(d.inputs.begin(), d.inputs.end(), StepInput{"network", "host"}),
            d.inputs.end());
}

TEST(PlanBuildTest, HostNetworkNeedsTheEntitlement) {
  Fixture f;
  BuildRequest r;
  auto g = f.Plan("FROM busybox\nRUN a\nRUN --network=host b\n", r);
  EXPECT_EQ(g.status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(g.status().message(),
            "Dockerfile:3: network.host is not allowed: RUN --network=host needs "
            "--allow network.host");
  r.network = frontend::RunNetwork::kHost;
  g = f.Plan("FROM busybox\nRUN a\n", r);
  EXPECT_EQ(g.status().message(),
            "network.host is not allowed: --network=host needs --allow network.host");
  // Granted but unused: nothing changes.
  BuildRequest allowed;
  allowed.allow_network_host = true;
  auto plain = f.Plan("FROM busybox\nRUN a\n");
  auto granted = f.Plan("FROM busybox\nRUN a\n", allowed);
  ASSERT_TRUE(plain.ok() && granted.ok());
  EXPECT_EQ(plain->stages[0].steps[0].cache_key, granted->stages[0].steps[0].cache_key);
}

TEST(PlanBuildTest, AddHostsReachEveryRunAndItsKey) {
  Fixture f;
  BuildRequest r;
  r.add_hosts = {{"db", "10.0.0.5"}};
  auto plain = f.Plan("FROM busybox\nRUN a\n");
  auto g = f.Plan("FROM busybox\nRUN a\n", r);
  ASSERT_TRUE(plain.ok() && g.ok());
  const Step& s = g->stages[0].steps[0];
  EXPECT_EQ(s.run.extra_hosts, r.add_hosts);
  EXPECT_NE(s.cache_key, plain->stages[0].steps[0].cache_key);
  EXPECT_NE(std::find(s.inputs.begin(), s.inputs.end(), StepInput{"add-host db", "10.0.0.5"}),
            s.inputs.end());
}

// --platform linux/arm64 on an amd64 machine: TARGET* name arm64, BUILD*
// the machine (BuildKit's values: no variant for arm64), and no step key
// is the amd64 one.
TEST(PlanBuildTest, TargetAndBuildPlatformArgsDiffer) {
  Fixture f;
  BuildRequest r;
  r.architecture = "arm64";
  const char* text =
      "FROM busybox\nARG TARGETPLATFORM TARGETARCH TARGETVARIANT BUILDPLATFORM BUILDARCH\n"
      "RUN echo $TARGETPLATFORM $TARGETARCH x${TARGETVARIANT}x $BUILDPLATFORM $BUILDARCH\n";
  auto arm = f.Plan(text, r);
  auto amd = f.Plan(text);
  ASSERT_TRUE(arm.ok());
  ASSERT_TRUE(amd.ok());
  ASSERT_EQ(arm->stages.size(), 1u);
  ASSERT_EQ(arm->stages[0].steps.size(), 2u);  // the ARG, then the RUN
  const Step& s = arm->stages[0].steps[1];
  EXPECT_EQ(s.run.argv.back(),
            "echo $TARGETPLATFORM $TARGETARCH x${TARGETVARIANT}x $BUILDPLATFORM $BUILDARCH");
  EXPECT_NE(std::find(s.run.env.begin(), s.run.env.end(), "TARGETPLATFORM=linux/arm64"),
            s.run.env.end());
  EXPECT_NE(std::find(s.run.env.begin(), s.run.env.end(), "BUILDPLATFORM=linux/amd64"),
            s.run.env.end());
  EXPECT_NE(std::find(s.run.env.begin(), s.run.env.end(), "TARGETVARIANT="), s.run.env.end());
  EXPECT_NE(s.cache_key, amd->stages[0].steps[1].cache_key);
}

// FROM --platform=$BUILDPLATFORM on an arm64 build: the stage's base is
// asked for amd64 and its keys are amd64's (the same as an amd64 build's),
// while TARGETPLATFORM still names arm64, as in BuildKit; a stage FROM it
// keeps its platform; another with --platform=aarch64 is arm64's.
TEST(PlanBuildTest, FromPlatformPicksTheStagesBaseAndKeys) {
  FakeImages amd_images, arm_images;
  FakeSources sources;
  ResolverFor images = [&](const oci::Platform& p) -> ImageConfigResolver& {
    return p.architecture == "arm64" ? arm_images : amd_images;
  };
  const char* text =
      "ARG WHERE=$BUILDPLATFORM\n"
      "FROM --platform=$WHERE busybox AS build\nRUN make\n"
      "FROM build AS more\nARG TARGETPLATFORM\nRUN echo $TARGETPLATFORM\n"
      "FROM --platform=aarch64 alpine\nCOPY --from=more /x /x\n";
  auto df = frontend::ParseDockerfile(text, "Dockerfile");
  ASSERT_TRUE(df.ok());
  BuildRequest r;
  r.architecture = "arm64";
  auto arm = PlanBuild(*df, r, images, sources);
  ASSERT_TRUE(arm.ok()) << arm.status().message();
  EXPECT_EQ(amd_images.resolved, std::vector<std::string>{"busybox"});
  EXPECT_EQ(arm_images.resolved, std::vector<std::string>{"alpine"});
  EXPECT_EQ(arm->stages[0].platform.str(), "linux/amd64");
  EXPECT_EQ(arm->stages[1].platform.str(), "linux/amd64");
  EXPECT_EQ(arm->stages[2].platform.str(), "linux/arm64");
  const Step& run = arm->stages[1].steps[1];
  EXPECT_NE(std::find(run.run.env.begin(), run.run.env.end(), "TARGETPLATFORM=linux/arm64"),
            run.run.env.end());
  BuildRequest amd_request;
  auto amd = PlanBuild(*df, amd_request, images, sources);
  ASSERT_TRUE(amd.ok());
  EXPECT_EQ(amd->stages[0].base_key, arm->stages[0].base_key);
  EXPECT_EQ(amd->stages[0].steps[0].cache_key, arm->stages[0].steps[0].cache_key);
  EXPECT_NE(amd->stages[1].steps[1].cache_key, arm->stages[1].steps[1].cache_key);
  // aarch64 is linux/arm64 whatever the build's platform; not amd64's key.
  EXPECT_EQ(amd->stages[2].base_key, arm->stages[2].base_key);

  auto bad = frontend::ParseDockerfile("FROM --platform=linux/arm64/v8/x busybox\n", "Dockerfile");
  ASSERT_TRUE(bad.ok());
  auto g = PlanBuild(*bad, r, images, sources);
  ASSERT_FALSE(g.ok());
  EXPECT_EQ(g.status().message(),
            "Dockerfile:1: FROM --platform=linux/arm64/v8/x: invalid platform "
            "\"linux/arm64/v8/x\": want os/arch[/variant]");
}

TEST(PlanBuildTest, WorkdirCarriesTheUserInItsKey) {
  Fixture f;
  auto g = f.Plan("FROM busybox\nWORKDIR /a\nUSER app\nWORKDIR b\n");
  auto root = f.Plan("FROM busybox\nWORKDIR /a\nWORKDIR b\n");
  ASSERT_TRUE(g.ok() && root.ok());
  const std::vector<Step>& steps = g->stages[0].steps;
  EXPECT_EQ(steps[0].workdir_user, "");
  EXPECT_EQ(steps[2].workdir, "/a/b");
  EXPECT_EQ(steps[2].workdir_user, "app");
  EXPECT_EQ(steps[0].cache_key, root->stages[0].steps[0].cache_key);
  EXPECT_NE(steps[2].cache_key, root->stages[0].steps[1].cache_key);
  EXPECT_EQ(steps[2].inputs.back(), (StepInput{"user", "app"}));
}

TEST(PlanBuildTest, ProxyArgsReachRunButNoKey) {
  Fixture f;
  BuildRequest r;
  r.build_args = {
      {"HTTP_PROXY", "http://a:1"}, {"http_proxy", "x"}, {"OTHER", "1"}};
  auto a = f.Plan("FROM busybox\nRUN wget x\n", r);
  r.build_args["HTTP_PROXY"] = "http://user:secret@b:2";
  auto b = f.Plan("FROM busybox\nRUN wget x\n", r);
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(b->proxy_env,
            (std::vector<std::string>{"HTTP_PROXY=http://user:secret@b:2",
                                      "http_proxy=x"}));
  EXPECT_EQ(a->stages[0].steps[0].cache_key, b->stages[0].steps[0].cache_key);
  EXPECT_EQ(b->stages[0].steps[0].run.env,
            (std::vector<std::string>{"PATH=/usr/bin:/bin", "HOME=/root"}));
  EXPECT_EQ(b->stages[0].steps[0].created_by, "RUN /bin/sh -c wget x # buildkit");
}

TEST(PlanBuildTest, OnbuildTriggersRunFirstAndAreConsumed) {
  Fixture f;
  auto g = f.Plan("FROM trigger\nRUN echo mine\nONBUILD RUN echo later\n");
  ASSERT_TRUE(g.ok()) << g.status().message();
  const StagePlan& s = g->stages[0];
  // ONBUILD itself adds no step (BuildKit writes no history entry for it).
  ASSERT_EQ(s.steps.size(), 2u);
  EXPECT_EQ(s.steps[0].created_by, "RUN /bin/sh -c make # buildkit");
  EXPECT_EQ(s.steps[0].line, 1);
  EXPECT_EQ(s.final_config.on_build,
            (std::vector<std::string>{"RUN echo later"}));
  EXPECT_EQ(f.Plan("# base\nFROM bad-trigger\n").status().message(),
            "Dockerfile:2: ONBUILD trigger \"RUNN make\": unknown instruction "
            "\"RUNN\" (did you mean RUN?)");
}

TEST(PlanBuildTest, ScratchGetsTheDefaultPath) {
  Fixture f;
  auto g = f.Plan("FROM scratch\nENV A=1\n");
  ASSERT_TRUE(g.ok()) << g.status().message();
  EXPECT_EQ(
      g->stages[0].final_config.env,
      (std::vector<std::string>{
          "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
          "A=1"}));
}

// BuildKit reads a base config into its own types: what they do not hold
// is dropped, and a missing PATH comes after the image's variables.
TEST(PlanBuildTest, BaseConfigKeepsOnlyWhatBuildKitKnows) {
  Fixture f;
  auto g = f.Plan("FROM classic\nENV A=1\n");
  ASSERT_TRUE(g.ok()) << g.status().message();
  const StagePlan& s = g->stages[0];
  EXPECT_EQ(s.base_config.unknown,
            (std::map<std::string, std::string>{{"os.features", "[\"win32k\"]"}}));
  EXPECT_TRUE(s.base_config.config.unknown.empty());
  EXPECT_EQ(s.final_config.env,
            (std::vector<std::string>{
                "HOME=/root",
                "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
                "A=1"}));
}

// The words of one ENV, keys too, expand against the variables before it.
TEST(PlanBuildTest, OneEnvExpandsAgainstTheEnvBeforeIt) {
  Fixture f;
  auto g = f.Plan("FROM scratch\nENV A=0 K=key\nENV A=1 B=$A $K=$A\n");
  ASSERT_TRUE(g.ok()) << g.status().message();
  const StagePlan& s = g->stages[0];
  EXPECT_EQ(s.final_config.env,
            (std::vector<std::string>{
                "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
                "A=1", "K=key", "B=0", "key=0"}));
  EXPECT_EQ(s.steps[1].created_by, "ENV A=1 B=0 key=0");
}

// A stage FROM another sees its ARGs, as BuildKit's does (its llb state
// and build args carry over): in the RUN's environment and history.
TEST(PlanBuildTest, StageFromAStageInheritsItsArgs) {
  Fixture f;
  BuildRequest r;
  r.build_args = {{"W", "given"}};
  auto g = f.Plan("FROM busybox AS a\nARG V=1 W\nFROM a\nARG X=2\nRUN echo $V\n", r);
  ASSERT_TRUE(g.ok()) << g.status().message();
  const Step& run = g->stages[1].steps.back();
  EXPECT_EQ(run.run.env, (std::vector<std::string>{"PATH=/usr/bin:/bin", "HOME=/root",
                                                   "V=1", "W=given", "X=2"}));
  EXPECT_EQ(run.created_by, "RUN |3 V=1 W=given X=2 /bin/sh -c echo $V # buildkit");
}

// WORKDIR / makes no layer (BuildKit makes no directory there); FROM
// scratch starts in "/", as BuildKit's empty image does.
TEST(PlanBuildTest, WorkdirRootIsConfigOnly) {
  Fixture f;
  auto g = f.Plan("FROM scratch\nWORKDIR /\nWORKDIR /a\n");
  ASSERT_TRUE(g.ok()) << g.status().message();
  const StagePlan& s = g->stages[0];
  EXPECT_EQ(s.base_config.config.working_dir, "/");
  ASSERT_EQ(s.steps.size(), 2u);
  EXPECT_EQ(s.steps[0].kind, StepKind::kConfig);
  EXPECT_EQ(s.steps[0].created_by, "WORKDIR /");
  EXPECT_EQ(s.steps[1].kind, StepKind::kWorkdir);
  EXPECT_EQ(s.final_config.working_dir, "/a");
}

TEST(PlanBuildTest, ErrorsNameTheLine) {
  Fixture f;
  BuildRequest r;
  r.target = "prd";
  EXPECT_EQ(f.Plan("FROM busybox AS prod\n", r).status().message(),
            "target stage \"prd\" could not be found (did you mean prod?)");
  EXPECT_EQ(f.Plan("FROM busybox\n\nCOPY --from=missing a b\n").status().message(),
            "Dockerfile:3: image missing not found");
  EXPECT_EQ(f.Plan("FROM busybox\nRUN --mount=from=missing,target=/c true\n")
                .status()
                .message(),
            "Dockerfile:2: image missing not found");
  EXPECT_EQ(f.Plan("FROM missing\n").status().message(),
            "Dockerfile:1: image missing not found");
  EXPECT_EQ(f.Plan("FROM busybox\nEXPOSE 80 8001-8000\n").status().message(),
            "Dockerfile:2: invalid containerPort: 8001-8000");
}

TEST(PlanBuildTest, CopyFromTakesNoVariables) {
  // As BuildKit since 07f5b3a8d: --from is a name as written, in any stage.
  Fixture f;
  const std::string want =
      "variable expansion is not supported for --from, define a new stage "
      "with FROM using ARG from global scope as a workaround";
  EXPECT_EQ(f.Plan("ARG B=busybox\nFROM busybox\nCOPY --from=${B} /a /a\n")
                .status()
                .message(),
            "Dockerfile:3: " + want);
  // In a stage no target needs too.
  EXPECT_EQ(f.Plan("FROM busybox AS a\nCOPY --from=$1 /a /a\nFROM busybox\n")
                .status()
                .message(),
            "Dockerfile:2: " + want);
  EXPECT_EQ(f.Plan("FROM scratch\nCOPY --from=${X:?unset} /x /x\n").status().message(),
            "Dockerfile:2: failed to process \"${X:?unset}\": X: unset");
  // The flag's quotes are the parser's, as BuildKit's extractBuilderFlags.
  EXPECT_TRUE(f.Plan("FROM busybox AS a\nFROM busybox\nCOPY --from=\"a\" /a /b\n").ok());
  EXPECT_TRUE(f.Plan("FROM busybox AS a\nFROM busybox\nCOPY --from=a /a /b\n").ok());
}

TEST(PlanBuildTest, BlankBaseNameIsAnError) {
  // As BuildKit: a FROM that expands to nothing names the word as written,
  // even in a stage no target needs.
  Fixture f;
  EXPECT_EQ(f.Plan("FROM $UNSET\n").status().message(),
            "Dockerfile:1: base name ($UNSET) should not be blank");
  EXPECT_EQ(f.Plan("ARG E=\nFROM ${E} AS x\nFROM busybox\n").status().message(),
            "Dockerfile:2: base name (${E}) should not be blank");
}

}  // namespace
}  // namespace mybuild::planner
