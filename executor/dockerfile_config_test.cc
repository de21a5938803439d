// The image config blob a Dockerfile builds, byte for byte: every key and
// history entry as BuildKit's Dockerfile frontend writes them
// (dockerfile2llb/convert.go at moby/buildkit 73ed6825c4b7). Layer digests
// change with the busybox binary and RUN's times, so they are shown as
// <layer N>; everything else is compared exactly.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "base/fd.h"
#include "cache/store_paths.h"
#include "executor/dockerfile_test_support.h"

namespace mybuild::executor {
namespace {

using testing::BuildDockerfile;
using testing::RecordingProgress;

class DockerfileConfigTest : public testing::BuildTest {
 protected:
  void SetUp() override {
    SetUpBuild(true, false);
    if (IsSkipped() || HasFatalFailure()) return;
    ASSERT_TRUE(WriteFileAtomic(P("ctx/rootfs/etc/passwd"),
                                "root:x:0:0:root:/root:/bin/sh\n"
                                "app:x:1000:1000:app:/home/app:/bin/sh\n")
                    .ok());
    ASSERT_TRUE(MakeDirs(P("ctx/rootfs/srv")).ok());
    ASSERT_TRUE(WriteFileAtomic(P("ctx/a.txt"), "A\n").ok());
  }

  // The config blob of `dockerfile`'s image, its diff_ids as <layer N>.
  std::string Config(const std::string& dockerfile) {
    RecordingProgress progress;
    ExecOptions o;
    o.created_is_fixed = true;
    auto built = BuildDockerfile(dockerfile, P("ctx"), P("root"), o, progress);
    if (!built.ok()) return "error: " + built.status().message();
    Expected<std::string> blob = ReadFile(cache::StorePaths(P("root")).Blob(built->config));
    if (!blob.ok()) return "error: " + blob.status().message();
    const nlohmann::json ids = nlohmann::json::parse(*blob)["rootfs"]["diff_ids"];
    std::string text = *blob;
    for (size_t i = 0; i < ids.size(); ++i) {
      const std::string id = ids[i];
      for (size_t at; (at = text.find(id)) != std::string::npos;) {
        text.replace(at, id.size(), "<layer " + std::to_string(i) + ">");
      }
    }
    return text;
  }
};

TEST_F(DockerfileConfigTest, ScratchStageAsBuildKitWritesIt) {
  EXPECT_EQ(Config("FROM scratch\nCOPY rootfs/ /\nCMD [\"sh\"]\n"),
            "{\"architecture\":\"amd64\",\"config\":{\"ArgsEscaped\":true,"
            "\"Cmd\":[\"sh\"],\"Env\":[\"PATH=/usr/local/sbin:/usr/local/bin:"
            "/usr/sbin:/usr/bin:/sbin:/bin\"],\"WorkingDir\":\"/\"},"
            "\"created\":\"2026-01-01T00:00:00Z\",\"history\":["
            "{\"comment\":\"buildkit.dockerfile.v0\",\"created\":\"2026-01-01T00:00:00Z\","
            "\"created_by\":\"COPY rootfs/ / # buildkit\"},"
            "{\"comment\":\"buildkit.dockerfile.v0\",\"created\":\"2026-01-01T00:00:00Z\","
            "\"created_by\":\"CMD [\\\"sh\\\"]\",\"empty_layer\":true}],"
            "\"os\":\"linux\",\"rootfs\":{\"diff_ids\":[\"<layer 0>\"],\"type\":\"layers\"}}");
}

// Every instruction once: its history entry as BuildKit spells it (the
// RUN lists the stage's ARGs, layer steps end "# buildkit", ONBUILD has
// none, WORKDIR makes a layer even where the directory exists), and the
// config keys it sets.
TEST_F(DockerfileConfigTest, EveryInstructionAsBuildKitWritesIt) {
  EXPECT_EQ(Config("FROM scratch AS base\n"
                   "COPY rootfs/ /\n"
                   "FROM base\n"
                   "MAINTAINER Ann <ann@example.com>\n"
                   "ARG V=1 W\n"
                   "ENV A=1 B=$A\n"
                   "ENV A=2 C=${A}x\n"
                   "LABEL l=$V \"m n\"=\"o p\"\n"
                   "RUN echo $V > /v\n"
                   "COPY --chown=1234 --chmod=600 a.txt ./\n"
                   "WORKDIR /srv\n"
                   "WORKDIR new/wd\n"
                   "USER app\n"
                   "EXPOSE 8000-8002/tcp 53/UDP\n"
                   "VOLUME /data $A\n"
                   "STOPSIGNAL SIGTERM\n"
                   "HEALTHCHECK --interval=5s --start-period=1500ms --retries=4 CMD true\n"
                   "SHELL [\"/bin/sh\", \"-ec\"]\n"
                   "ONBUILD RUN echo later\n"
                   "ENTRYPOINT echo hi\n"
                   "CMD [\"x\"]\n"),
            "{\"architecture\":\"amd64\",\"author\":\"Ann <ann@example.com>\",\"config\":{\"ArgsEscaped\":true,\"Cmd\":[\"x\"],\"Entrypoint\":[\"/bin/sh\",\"-ec\",\"echo hi\"],"
            "\"Env\":[\"PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\",\"A=2\",\"B=\",\"C=1x\"],\"ExposedPorts\":{\"53/udp\":{},\"8000/tcp\":{},\"8001/tcp\":{},\"8002/tcp\":{}},"
            "\"Healthcheck\":{\"Interval\":5000000000,\"Retries\":4,\"StartPeriod\":1500000000,\"Test\":[\"CMD-SHELL\",\"true\"]},\"Labels\":{\"l\":\"1\",\"m n\":\"o p\"},"
            "\"OnBuild\":[\"RUN echo later\"],\"Shell\":[\"/bin/sh\",\"-ec\"],\"StopSignal\":\"SIGTERM\",\"User\":\"app\",\"Volumes\":{\"/data\":{},\"2\":{}},\"WorkingDir\":\"/srv/new/wd\"},"
            "\"created\":\"2026-01-01T00:00:00Z\",\"history\":["
            "{\"comment\":\"buildkit.dockerfile.v0\",\"created\":\"2026-01-01T00:00:00Z\",\"created_by\":\"COPY rootfs/ / # buildkit\"},"
            "{\"comment\":\"buildkit.dockerfile.v0\",\"created\":\"2026-01-01T00:00:00Z\",\"created_by\":\"MAINTAINER Ann <ann@example.com>\",\"empty_layer\":true},"
            "{\"comment\":\"buildkit.dockerfile.v0\",\"created\":\"2026-01-01T00:00:00Z\",\"created_by\":\"ARG V=1 W\",\"empty_layer\":true},"
            "{\"comment\":\"buildkit.dockerfile.v0\",\"created\":\"2026-01-01T00:00:00Z\",\"created_by\":\"ENV A=1 B=\",\"empty_layer\":true},"
            "{\"comment\":\"buildkit.dockerfile.v0\",\"created\":\"2026-01-01T00:00:00Z\",\"created_by\":\"ENV A=2 C=1x\",\"empty_layer\":true},"
            "{\"comment\":\"buildkit.dockerfile.v0\",\"created\":\"2026-01-01T00:00:00Z\",\"created_by\":\"LABEL l=1 m n=o p\",\"empty_layer\":true},"
            "{\"comment\":\"buildkit.dockerfile.v0\",\"created\":\"2026-01-01T00:00:00Z\",\"created_by\":\"RUN |2 V=1 W= /bin/sh -c echo $V > /v # buildkit\"},"
            "{\"comment\":\"buildkit.dockerfile.v0\",\"created\":\"2026-01-01T00:00:00Z\",\"created_by\":\"COPY --chown=1234 --chmod=600 a.txt ./ # buildkit\"},"
            "{\"comment\":\"buildkit.dockerfile.v0\",\"created\":\"2026-01-01T00:00:00Z\",\"created_by\":\"WORKDIR /srv\"},"
            "{\"comment\":\"buildkit.dockerfile.v0\",\"created\":\"2026-01-01T00:00:00Z\",\"created_by\":\"WORKDIR /srv/new/wd\"},"
            "{\"comment\":\"buildkit.dockerfile.v0\",\"created\":\"2026-01-01T00:00:00Z\",\"created_by\":\"USER app\",\"empty_layer\":true},"
            "{\"comment\":\"buildkit.dockerfile.v0\",\"created\":\"2026-01-01T00:00:00Z\",\"created_by\":\"EXPOSE [8000/tcp 8001/tcp 8002/tcp 53/udp]\",\"empty_layer\":true},"
            "{\"comment\":\"buildkit.dockerfile.v0\",\"created\":\"2026-01-01T00:00:00Z\",\"created_by\":\"VOLUME [/data 2]\",\"empty_layer\":true},"
            "{\"comment\":\"buildkit.dockerfile.v0\",\"created\":\"2026-01-01T00:00:00Z\",\"created_by\":\"STOPSIGNAL SIGTERM\",\"empty_layer\":true},"
            "{\"comment\":\"buildkit.dockerfile.v0\",\"created\":\"2026-01-01T00:00:00Z\",\"created_by\":\"HEALTHCHECK {Test:[CMD-SHELL true] Interval:5s Timeout:0s StartPeriod:1.5s StartInterval:0s Retries:4}\",\"empty_layer\":true},"
            "{\"comment\":\"buildkit.dockerfile.v0\",\"created\":\"2026-01-01T00:00:00Z\",\"created_by\":\"SHELL [/bin/sh -ec]\",\"empty_layer\":true},"
            "{\"comment\":\"buildkit.dockerfile.v0\",\"created\":\"2026-01-01T00:00:00Z\",\"created_by\":\"ENTRYPOINT [\\\"/bin/sh\\\" \\\"-ec\\\" \\\"echo hi\\\"]\",\"empty_layer\":true},"
            "{\"comment\":\"buildkit.dockerfile.v0\",\"created\":\"2026-01-01T00:00:00Z\",\"created_by\":\"CMD [\\\"x\\\"]\",\"empty_layer\":true}],\"os\":\"linux\","
            "\"rootfs\":{\"diff_ids\":[\"<layer 0>\",\"<layer 1>\",\"<layer 2>\",\"<layer 3>\",\"<layer 4>\"],\"type\":\"layers\"}}");
}

}  // namespace
}  // namespace mybuild::executor
