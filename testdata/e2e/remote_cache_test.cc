// Two CI runners sharing one build cache (issue 12), through real parts:
// Debian's docker-registry, the mybuild binary and skopeo. Runner A builds
// with --cache-to on its own --root; runner B, on a fresh --root, builds with
// --cache-from and reruns no step: each RUN prints a line only when it runs
// ("ran-42-...": the header shows the unexpanded "$((6*7))"), and every
// step is followed by "#N CACHED". The RUNs set /out.txt's mtime from a
// context file, so a step run again on another runner makes the same layer
// whatever the clock says.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <future>
#include <nlohmann/json.hpp>
#include <thread>

#include "base/fd.h"
#include "base/temp_dir.h"
#include "registry/testing/fault_proxy.h"
#include "registry/testing/local_registry.h"
#include "registry/testing/subprocess.h"
#include "testdata/fixtures/busybox_rootfs.h"

namespace mybuild {
namespace {

using registry::testing::RunCommand;
using registry::testing::ToolInstalled;

constexpr char kDockerfile[] =
    "ARG BASE\n"
    "FROM $BASE AS build\n"
    "COPY a.txt /a.txt\n"
    "RUN echo ran-$((6*7))-build1 && cat /a.txt > /out.txt && touch -r /a.txt "
    "/out.txt\n"
    "COPY b.txt /b.txt\n"
    "RUN echo ran-$((6*7))-build2 && cat /b.txt >> /out.txt && touch -r /b.txt "
    "/out.txt\n"
    "FROM $BASE\n"
    "COPY --from=build /out.txt /out.txt\n"
    "RUN echo ran-$((6*7))-final && cat /out.txt\n";

int Count(const std::string& text, const std::string& what) {
  int n = 0;
  for (size_t at = text.find(what); at != std::string::npos;
       at = text.find(what, at + 1))
    ++n;
  return n;
}

class RemoteCacheTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (::geteuid() != 0) GTEST_SKIP() << "needs root";
    for (const char* tool : {"skopeo", "docker-registry"}) {
      if (!ToolInstalled(tool)) GTEST_SKIP() << tool << " is not installed";
    }
    auto dir = TempDir::Create();
    ASSERT_TRUE(dir.ok());
    dir_ = std::make_unique<TempDir>(std::move(*dir));
    auto reg = registry::testing::LocalRegistry::Start();
    ASSERT_TRUE(reg.ok()) << reg.status().message();
    registry_ = std::move(*reg);
    mybuild_ = std::filesystem::absolute("cli/mybuild").string();
    base_ = PushBusybox();
    ASSERT_TRUE(MakeDirs(P("app")).ok());
    ASSERT_TRUE(WriteFileAtomic(P("app/Dockerfile"), kDockerfile).ok());
    ASSERT_TRUE(WriteFileAtomic(P("app/a.txt"), "a\n").ok());
    ASSERT_TRUE(WriteFileAtomic(P("app/b.txt"), "b\n").ok());
  }

  std::string P(const std::string& p) { return dir_->path() + "/" + p; }

  // ShareAcrossRunners through registry ref `ref` (exported with `opts`
  // after its ref), then the cache's manifest or index as skopeo reads it.
  void ShareThroughRegistry(const std::string& ref, const std::string& opts,
                            nlohmann::json* raw_json) {
    ShareAcrossRunners("type=registry,ref=" + ref + opts, "type=registry,ref=" + ref);
    auto raw = RunCommand(
        {"skopeo", "inspect", "--raw", "--tls-verify=false", "docker://" + ref});
    ASSERT_TRUE(raw.ok());
    ASSERT_EQ(raw->exit_code, 0) << raw->output;
    *raw_json = nlohmann::json::parse(raw->output);
  }

  // How many blobs the store of runner `root` holds.
  int Blobs(const std::string& root) {
    int n = 0;
    for (const auto& e :
         std::filesystem::directory_iterator(P(root + "/blobs/sha256"))) {
      n += e.is_regular_file() ? 1 : 0;
    }
    return n;
  }

  // Each blob of runner `root`: its size and first bytes, to tell them apart.
  std::string BlobList(const std::string& root) {
    std::string out;
    for (const auto& e :
         std::filesystem::directory_iterator(P(root + "/blobs/sha256"))) {
      Expected<std::string> bytes = ReadFile(e.path().string());
      std::string head = bytes.ok() ? bytes->substr(0, 40) : "";
      for (char& ch : head) ch = (ch >= 32 && ch < 127) ? ch : '.';
      out += e.path().filename().string().substr(0, 12) + " " +
             std::to_string(e.file_size()) + " " + head + "\n";
    }
    return out;
  }

  registry::testing::CommandResult Mybuild(const std::string& root,
                                           std::vector<std::string> args) {
    args.insert(args.begin(), {mybuild_, "build", "--root", P(root)});
    auto r = RunCommand(args);
    EXPECT_TRUE(r.ok()) << r.status().message();
    return r.ok() ? *r : registry::testing::CommandResult{};
  }

  // A build of app/ on runner `root` with the given cache flags.
  registry::testing::CommandResult BuildApp(
      const std::string& root, std::vector<std::string> cache_flags,
      const std::string& context = "app") {
    std::vector<std::string> args = {"--build-arg", "BASE=" + base_,
                                     "--progress",  "plain",
                                     "--iidfile",   P(root + ".iid")};
    args.insert(args.end(), cache_flags.begin(), cache_flags.end());
    args.push_back(P(context));
    return Mybuild(root, args);
  }

  std::string PushBusybox() {
    EXPECT_TRUE(MakeDirs(P("base/rootfs")).ok());
    EXPECT_TRUE(mybuild::testing::MakeBusyboxRootfs(P("base/rootfs")).ok());
    EXPECT_TRUE(
        WriteFileAtomic(P("base/Dockerfile"), "FROM scratch\nCOPY rootfs/ /\n")
            .ok());
    std::string ref = registry_->host() + "/busybox:1";
    auto r = Mybuild("base-root", {"-t", ref, "--push", P("base")});
    EXPECT_EQ(r.exit_code, 0) << r.output;
    return ref;
  }

  // Runner A exports with `to`; runner B imports with `from` and reruns
  // nothing; after b.txt changes, runner C reruns exactly what depends on it.
  void ShareAcrossRunners(const std::string& to, const std::string& from) {
    auto a = BuildApp("runner-a", {"--cache-to", to});
    ASSERT_EQ(a.exit_code, 0) << a.output;
    EXPECT_EQ(Count(a.output, "ran-42-"), 3) << a.output;

    auto b = BuildApp("runner-b", {"--cache-from", from});
    ASSERT_EQ(b.exit_code, 0) << b.output;
    EXPECT_EQ(Count(b.output, "ran-42-"), 0) << b.output;
    // Lazily: the final stage's steps are found in the cache, so the build
    // stage they read is never reached and its layers never fetched (but
    // the last, which the final COPY --from layer is byte for byte).
    EXPECT_EQ(Count(b.output, " CACHED\n"), 2) << b.output;
    EXPECT_EQ(Count(b.output, "[build "), 0) << b.output;
    EXPECT_EQ(*ReadFile(P("runner-a.iid")), *ReadFile(P("runner-b.iid")));
    // Nothing ran, so no layer was unpacked: not the base image's, not the
    // reused steps'.
    EXPECT_FALSE(std::filesystem::exists(P("runner-b/snapshots")) &&
                 !std::filesystem::is_empty(P("runner-b/snapshots")));
    // Runner A built its five layers lazily (cache/lazy_layers.h): the
    // export gzipped them straight from their snapshots, so it holds no
    // plain tar of them, only the gzip blobs the cache carries.
    EXPECT_EQ(Blobs("runner-b"), Blobs("runner-a") - 3)
        << BlobList("runner-a") << "--\n" << BlobList("runner-b");

    ASSERT_TRUE(WriteFileAtomic(P("app/b.txt"), "b changed\n").ok());
    auto c = BuildApp("runner-c", {"--cache-from", from, "--explain"});
    ASSERT_EQ(c.exit_code, 0) << c.output;
    EXPECT_EQ(Count(c.output, "ran-42-build1"), 0) << c.output;
    EXPECT_EQ(Count(c.output, "ran-42-build2"), 1) << c.output;
    EXPECT_EQ(Count(c.output, "ran-42-final"), 1) << c.output;
    size_t copy = c.output.find("[build 1/4] COPY a.txt /a.txt\n");
    ASSERT_NE(copy, std::string::npos) << c.output;
    // The step's next line says it was reused: "#N CACHED".
    size_t next = c.output.find('\n', copy) + 1;
    EXPECT_EQ(c.output.substr(c.output.find(' ', next), 8), " CACHED\n") << c.output;
    EXPECT_EQ(Count(c.output, " CACHED\n"), 2) << c.output;
    EXPECT_NE(c.output.find("b changed"), std::string::npos) << c.output;
    // A fresh store, yet --explain compares with the build that exported.
    EXPECT_NE(c.output.find(" explain: file b.txt: content changed\n"),
              std::string::npos)
        << c.output;
    EXPECT_NE(c.output.find(" explain: parent: the step below changed (" +
                            P("app/Dockerfile") + ":5)\n"),
              std::string::npos)
        << c.output;
  }

  std::unique_ptr<TempDir> dir_;
  std::unique_ptr<registry::testing::LocalRegistry> registry_;
  std::string mybuild_, base_;
};

TEST_F(RemoteCacheTest, LocalCacheIsSharedWithExactReruns) {
  ShareAcrossRunners("type=local,dest=" + P("ci-cache") + ",mode=max",
                     "type=local,src=" + P("ci-cache"));
  // Six records (every step of both stages), each chained to the one below
  // it in its stage; five blobs, since the final COPY --from layer is the
  // build stage's last RUN layer byte for byte (/out.txt, same mtime).
  auto blob = [&](const nlohmann::json& d) {
    return nlohmann::json::parse(
        *ReadFile(P("ci-cache/blobs/sha256/") +
                  d["digest"].get<std::string>().substr(7)));
  };
  auto index = nlohmann::json::parse(*ReadFile(P("ci-cache/index.json")));
  ASSERT_EQ(index["manifests"].size(), 1u);
  EXPECT_EQ(
      index["manifests"][0]["annotations"]["org.opencontainers.image.ref.name"],
      "cache");
  // BuildKit's default form: an index of the layers, then the records blob.
  auto cache = blob(index["manifests"][0]);
  EXPECT_EQ(index["manifests"][0]["mediaType"], "application/vnd.oci.image.index.v1+json");
  ASSERT_EQ(cache["manifests"].size(), 6u);
  auto records = blob(cache["manifests"][5])["records"];
  ASSERT_EQ(records.size(), 6u);
  EXPECT_EQ(records[0]["parent"], "");
  EXPECT_EQ(records[1]["parent"], records[0]["key"]);
  EXPECT_EQ(records[4]["parent"], "");
  EXPECT_EQ(records[5]["layers"][0]["digest"], cache["manifests"][4]["digest"]);
  EXPECT_EQ(records[4]["layers"][0]["digest"],
            records[3]["layers"][0]["digest"]);
}

TEST_F(RemoteCacheTest, NoCacheFilterRunsALazyStageAgain) {
  auto a = BuildApp("runner-a",
                    {"--cache-to", "type=local,dest=" + P("c") + ",mode=max"});
  ASSERT_EQ(a.exit_code, 0) << a.output;
  auto b = BuildApp("runner-b", {"--cache-from", "type=local,src=" + P("c"),
                                 "--no-cache-filter", "build"});
  ASSERT_EQ(b.exit_code, 0) << b.output;
  EXPECT_EQ(Count(b.output, "ran-42-build"), 2) << b.output;
  EXPECT_EQ(Count(b.output, "ran-42-final"), 0) << b.output;
}

TEST_F(RemoteCacheTest, ModeMinExportsTheFinalImagesStepsOnly) {
  // image-manifest=true in a layout too: one manifest, its config the records.
  auto a = BuildApp("runner-a", {"--cache-to", "type=local,dest=" + P("min") +
                                                   ",image-manifest=true"});
  ASSERT_EQ(a.exit_code, 0) << a.output;
  auto index = nlohmann::json::parse(*ReadFile(P("min/index.json")));
  EXPECT_EQ(index["manifests"][0]["mediaType"], "application/vnd.oci.image.manifest.v1+json");
  std::string hex =
      index["manifests"][0]["digest"].get<std::string>().substr(7);
  auto manifest =
      nlohmann::json::parse(*ReadFile(P("min/blobs/sha256/") + hex));
  std::string config =
      manifest["config"]["digest"].get<std::string>().substr(7);
  EXPECT_EQ(nlohmann::json::parse(
                *ReadFile(P("min/blobs/sha256/") + config))["records"]
                .size(),
            2u);
  auto b = BuildApp("runner-b", {"--cache-from", "type=local,src=" + P("min")});
  ASSERT_EQ(b.exit_code, 0) << b.output;
  // The build stage runs again (same bytes out), the final stage's steps hit.
  EXPECT_EQ(Count(b.output, "ran-42-build"), 2) << b.output;
  EXPECT_EQ(Count(b.output, "ran-42-final"), 0) << b.output;
  EXPECT_EQ(Count(b.output, " CACHED\n"), 2) << b.output;
}

TEST_F(RemoteCacheTest, ACorruptedCacheBlobIsDetectedAndTheStepRuns) {
  auto a = BuildApp("runner-a",
                    {"--cache-to", "type=local,dest=" + P("c") + ",mode=max"});
  ASSERT_EQ(a.exit_code, 0) << a.output;
  auto index = nlohmann::json::parse(*ReadFile(P("c/index.json")));
  std::string hex =
      index["manifests"][0]["digest"].get<std::string>().substr(7);
  auto manifest = nlohmann::json::parse(*ReadFile(P("c/blobs/sha256/") + hex));
  // The final RUN's layer: what the lazy build fetches (the build stage
  // is never reached). The cache is an index: layers, then the config.
  std::string digest = manifest["manifests"][4]["digest"];
  std::string path = P("c/blobs/sha256/") + digest.substr(7);
  std::string bytes = *ReadFile(path);
  bytes[bytes.size() / 2] ^= 1;
  std::filesystem::remove(path);
  ASSERT_TRUE(WriteFileAtomic(path, bytes).ok());
  auto b = BuildApp("runner-b", {"--cache-from", "type=local,src=" + P("c")});
  ASSERT_EQ(b.exit_code, 0) << b.output;
  EXPECT_EQ(Count(b.output, "ran-42-final"), 1) << b.output;
  EXPECT_EQ(Count(b.output, "ran-42-build"), 0) << b.output;
  EXPECT_NE(b.output.find("cache type=local,src=" + P("c") + ": step "),
            std::string::npos)
      << b.output;
  EXPECT_NE(b.output.find(": blob " + digest +
                          ": blob digest mismatch: expected " + digest),
            std::string::npos)
      << b.output;
  EXPECT_NE(b.output.find("; the step runs\n"), std::string::npos) << b.output;
}

TEST_F(RemoteCacheTest, CacheFailuresAreNotesUnlessIgnoreErrorIsFalse) {
  const std::string from =
      "type=registry,ref=127.0.0.1:1/none:cache";  // nothing listens
  const std::string to =
      "type=local,dest=/proc/mybuild-no-cache";  // cannot be made
  auto a = BuildApp("runner-a", {"--cache-from", from, "--cache-to", to});
  EXPECT_EQ(a.exit_code, 0) << a.output;
  EXPECT_NE(a.output.find("\ncache " + from + ": ignored: "), std::string::npos)
      << a.output;
  EXPECT_NE(a.output.find("\ncache " + to + ": not exported: "),
            std::string::npos)
      << a.output;
  auto b = BuildApp("runner-b", {"--cache-from", from + ",ignore-error=false"});
  // The registry is unreachable: mybuild's documented exit code 4.
  EXPECT_EQ(b.exit_code, 4) << b.output;
  EXPECT_NE(b.output.find("\nmybuild: cache " + from + ": "), std::string::npos)
      << b.output;
  EXPECT_EQ(Count(b.output, "ran-42-"), 0) << b.output;
  auto c = BuildApp("runner-a", {"--cache-to", to + ",ignore-error=false"});
  EXPECT_EQ(c.exit_code, 1) << c.output;
  EXPECT_NE(c.output.find("\nmybuild: cache " + to + ": "), std::string::npos)
      << c.output;
}

TEST_F(RemoteCacheTest, CacheMountContentsReachAFreshRunner) {
  ASSERT_TRUE(MakeDirs(P("pkgs")).ok());
  ASSERT_TRUE(WriteFileAtomic(
                  P("pkgs/Dockerfile"),
                  "ARG BASE\nFROM $BASE\nCOPY c.txt /c.txt\n"
                  "RUN --mount=type=cache,target=/cache "
                  "echo \"seen-$((6*7)): $(cat /cache/log 2>/dev/null)\" && "
                  "cat /c.txt >> /cache/log\n")
                  .ok());
  ASSERT_TRUE(WriteFileAtomic(P("pkgs/c.txt"), "one").ok());
  std::string with =
      "type=local,dest=" + P("with") + ",mode=max,cache-mounts=true";
  auto a = BuildApp("runner-a",
                    {"--cache-to", with, "--cache-to",
                     "type=local,dest=" + P("without") + ",mode=max"},
                    "pkgs");
  ASSERT_EQ(a.exit_code, 0) << a.output;
  EXPECT_NE(a.output.find(" seen-42: \n"), std::string::npos) << a.output;
  ASSERT_TRUE(WriteFileAtomic(P("pkgs/c.txt"), "two").ok());
  // The RUN reruns (c.txt changed) and finds what runner A's left.
  auto b = BuildApp("runner-b", {"--cache-from", "type=local,src=" + P("with")},
                    "pkgs");
  ASSERT_EQ(b.exit_code, 0) << b.output;
  EXPECT_NE(b.output.find(" seen-42: one\n"), std::string::npos) << b.output;
  // Without cache-mounts=true a fresh runner starts with an empty cache.
  auto c = BuildApp("runner-c",
                    {"--cache-from", "type=local,src=" + P("without")}, "pkgs");
  ASSERT_EQ(c.exit_code, 0) << c.output;
  EXPECT_NE(c.output.find(" seen-42: \n"), std::string::npos) << c.output;
}

TEST_F(RemoteCacheTest, InlineCacheTravelsWithThePushedImage) {
  std::string ref = registry_->host() + "/app:1";
  auto a =
      BuildApp("runner-a", {"-t", ref, "--push", "--cache-to", "type=inline"});
  ASSERT_EQ(a.exit_code, 0) << a.output;
  auto config = RunCommand({"skopeo", "inspect", "--config", "--raw",
                            "--tls-verify=false", "docker://" + ref});
  ASSERT_TRUE(config.ok());
  ASSERT_EQ(config->exit_code, 0) << config->output;
  auto inlined = nlohmann::json::parse(config->output)["mybuild.cache.v1"];
  EXPECT_EQ(inlined["mediaType"],
            "application/vnd.mybuild.cache.config.v1+json");
  EXPECT_EQ(inlined["records"].size(), 2u);  // the final image's steps
  auto b = BuildApp("runner-b", {"--cache-from", "type=registry,ref=" + ref});
  ASSERT_EQ(b.exit_code, 0) << b.output;
  EXPECT_EQ(Count(b.output, "ran-42-build"), 2) << b.output;
  EXPECT_EQ(Count(b.output, "ran-42-final"), 0) << b.output;
  EXPECT_EQ(Count(b.output, " CACHED\n"), 2) << b.output;
}

TEST_F(RemoteCacheTest, ConcurrentExportsToOneDirectoryLeaveOneWholeCache) {
  std::string to = "type=local,dest=" + P("shared") + ",mode=max";
  registry::testing::CommandResult a, b;
  std::thread other([&] { b = BuildApp("runner-b", {"--cache-to", to}); });
  a = BuildApp("runner-a", {"--cache-to", to});
  other.join();
  ASSERT_EQ(a.exit_code, 0) << a.output;
  ASSERT_EQ(b.exit_code, 0) << b.output;
  auto index = nlohmann::json::parse(*ReadFile(P("shared/index.json")));
  EXPECT_EQ(index["manifests"].size(), 1u);
  auto c =
      BuildApp("runner-c", {"--cache-from", "type=local,src=" + P("shared")});
  ASSERT_EQ(c.exit_code, 0) << c.output;
  EXPECT_EQ(Count(c.output, "ran-42-"), 0) << c.output;
  EXPECT_EQ(c.output.find("ignored"), std::string::npos) << c.output;
}

TEST_F(RemoteCacheTest, RegistryCacheIsSharedWithExactReruns) {
  std::string ref = registry_->host() + "/app-cache:main";
  nlohmann::json index;
  ASSERT_NO_FATAL_FAILURE(ShareThroughRegistry(ref, ",mode=max", &index));
  // BuildKit's default form (image-manifest=false): an image index of the
  // five layers (as in the local test), then the records blob.
  EXPECT_EQ(index["mediaType"], "application/vnd.oci.image.index.v1+json");
  ASSERT_EQ(index["manifests"].size(), 6u) << index.dump();
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(index["manifests"][i]["mediaType"],
              "application/vnd.oci.image.layer.v1.tar+gzip");
  }
  EXPECT_EQ(index["manifests"][5]["mediaType"],
            "application/vnd.mybuild.cache.config.v1+json");
}

// A registry whose layer blobs come late (a proxy holds them back): the
// fully cached build shows its steps reused while they are still held, and
// once they come writes the very image runner A built.
TEST_F(RemoteCacheTest, ReusedStepsShowBeforeTheirRegistryBlobsArrive) {
  std::string ref = registry_->host() + "/late-cache:main";
  auto a = BuildApp("runner-a", {"--cache-to", "type=registry,ref=" + ref + ",mode=max"});
  ASSERT_EQ(a.exit_code, 0) << a.output;
  auto raw = RunCommand({"skopeo", "inspect", "--raw", "--tls-verify=false", "docker://" + ref});
  ASSERT_TRUE(raw.ok() && raw->exit_code == 0);
  nlohmann::json index = nlohmann::json::parse(raw->output);
  std::vector<registry::testing::FaultRule> rules;
  for (int i = 0; i < 5; ++i) {  // the layers; [5] is the records blob
    registry::testing::FaultRule hold;
    hold.method = "GET";
    hold.path_part = index["manifests"][i]["digest"];
    hold.kind = registry::testing::FaultRule::Kind::kHold;
    rules.push_back(hold);
  }
  const std::string& host = registry_->host();
  auto proxy = registry::testing::FaultProxy::Start(
      std::stoi(host.substr(host.rfind(':') + 1)), rules);
  ASSERT_TRUE(proxy.ok()) << proxy.status().message();
  std::string from = "type=registry,ref=" + (*proxy)->host() + "/late-cache:main";
  std::string log = P("runner-b.log");
  std::string cmd = mybuild_ + " build --root " + P("runner-b") + " --build-arg BASE=" + base_ +
                    " --progress plain --iidfile " + P("runner-b.iid") + " --cache-from " +
                    from + " " + P("app") + " >" + log + " 2>&1";
  auto b = std::async(std::launch::async, [cmd] { return RunCommand({"sh", "-c", cmd}); });
  // Waits (up to a minute) for both reused steps while the blobs are held.
  std::string text;
  for (int i = 0; i < 6000 && Count(text, " CACHED\n") < 2; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
    Expected<std::string> now = ReadFile(log);
    text = now.ok() ? *now : "";
  }
  EXPECT_EQ(Count(text, " CACHED\n"), 2) << text;
  EXPECT_EQ(b.wait_for(std::chrono::seconds(0)), std::future_status::timeout) << text;
  EXPECT_EQ(text.find("writing image"), std::string::npos) << text;
  (*proxy)->Release();
  auto done = b.get();
  ASSERT_TRUE(done.ok());
  text = *ReadFile(log);
  ASSERT_EQ(done->exit_code, 0) << text;
  EXPECT_EQ(Count(text, "ran-42-"), 0) << text;
  // Both blobs the final image needs came through the proxy, after all.
  EXPECT_GE((*proxy)->Count("GET", index["manifests"][4]["digest"]), 1);
  EXPECT_EQ(*ReadFile(P("runner-a.iid")), *ReadFile(P("runner-b.iid")));
}

// image-manifest=true, for registries that refuse an index of blobs: one
// image manifest, which the registry takes and skopeo reads, shared the same.
TEST_F(RemoteCacheTest, ImageManifestFormIsSharedToo) {
  std::string ref = registry_->host() + "/app-cache:manifest";
  nlohmann::json manifest;
  ASSERT_NO_FATAL_FAILURE(
      ShareThroughRegistry(ref, ",mode=max,image-manifest=true", &manifest));
  EXPECT_EQ(manifest["mediaType"],
            "application/vnd.oci.image.manifest.v1+json");
  EXPECT_EQ(manifest["config"]["mediaType"],
            "application/vnd.mybuild.cache.config.v1+json");
  EXPECT_EQ(manifest["layers"].size(), 5u);
}

}  // namespace
}  // namespace mybuild
