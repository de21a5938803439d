// Base images between a real docker-registry on loopback and the local
// store: --pull=always|missing|never, a cached build with its registry
// stopped, and `mybuild pull`.
#include <gtest/gtest.h>

#include <filesystem>

#include "cli/mybuild_fixture.h"
#include "registry/testing/local_registry.h"

namespace mybuild::cli {
namespace {

using registry::testing::CommandResult;
using registry::testing::LocalRegistry;

class BaseImagesTest : public testing::MybuildTest {
 protected:
  void SetUp() override {
    MybuildTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    MYBUILD_REQUIRE_DOCKER_REGISTRY();
    auto reg = LocalRegistry::Start();
    ASSERT_TRUE(reg.ok()) << reg.status().message();
    reg_ = std::move(*reg);
    base_ = reg_->host() + "/base:1";
    ASSERT_TRUE(MakeDirs(P("app")).ok());
    ASSERT_TRUE(WriteFileAtomic(P("app/Dockerfile"), "FROM " + base_ + "\nCOPY f /f\n").ok());
    ASSERT_TRUE(WriteFileAtomic(P("app/f"), "app\n").ok());
  }

  // Builds the busybox context (with `label` set) into ROOT and pushes it
  // as base:1; returns the pushed manifest digest.
  std::string PushBase(const std::string& label) {
    CommandResult r = Mybuild({"build", "--progress", "quiet", "--label", "v=" + label, "-t",
                               base_, "--push", Ctx()});
    EXPECT_EQ(r.exit_code, 0) << r.output;
    size_t at = r.output.find(base_ + "@");
    EXPECT_NE(at, std::string::npos) << r.output;
    return at == std::string::npos ? "" : r.output.substr(at + base_.size() + 1, 71);
  }
  // Runs `mybuild ARGS --root ROOT2`: the second machine, which has only
  // what it pulled.
  CommandResult Other(std::vector<std::string> args) {
    args.insert(args.begin(), Binary());
    args.push_back("--root");
    args.push_back(P("other"));
    return Run(args);
  }
  // Builds app/ on the second machine with `flags`; returns the image ID
  // ("" and a test failure when it fails).
  std::string BuildApp(std::vector<std::string> flags) {
    flags.insert(flags.begin(), {"build", "--progress", "quiet", "--retry", "0"});
    flags.push_back(P("app"));
    CommandResult r = Other(flags);
    EXPECT_EQ(r.exit_code, 0) << r.output;
    // The image ID is stdout's line; --push adds REF@DIGEST lines (stderr).
    size_t id = r.output.starts_with("sha256:") ? 0 : r.output.find("\nsha256:");
    if (r.exit_code != 0 || id == std::string::npos) return "";
    id += r.output[id] == '\n';
    return r.output.substr(id, r.output.find('\n', id) - id);
  }

  std::unique_ptr<LocalRegistry> reg_;
  std::string base_;
};

TEST_F(BaseImagesTest, PullPolicyDecidesWhenTheRegistryIsAsked) {
  std::string first = PushBase("1");
  CommandResult never = Other({"build", "--pull=never", P("app")});
  EXPECT_EQ(never.exit_code, 1) << never.output;
  EXPECT_EQ(never.output, "mybuild: " + P("app/Dockerfile") + ":1: pull " + base_ +
                              ": not in the local store, and --pull=never forbids asking its "
                              "registry\n");

  // missing (the default) pulls once and keeps the base under its name.
  std::string id1 = BuildApp({});
  CommandResult images = Other({"images", "--digests", "--format", "{{.Repository}}:{{.Tag}} {{.Digest}}"});
  EXPECT_EQ(images.output, base_ + " " + first + "\n");

  // A new image under the same tag: missing keeps using the store's,
  // always sees the new one, and never then uses what always pulled.
  std::string second = PushBase("2");
  ASSERT_NE(first, second);
  EXPECT_EQ(BuildApp({}), id1);
  EXPECT_EQ(BuildApp({"--pull=never"}), id1);
  std::string id2 = BuildApp({"--pull"});
  EXPECT_NE(id2, id1);
  images = Other({"images", "--digests", "--format", "{{.Repository}}:{{.Tag}} {{.Digest}}"});
  EXPECT_EQ(images.output, base_ + " " + second + "\n");
  EXPECT_EQ(BuildApp({"--pull=never"}), id2);
  EXPECT_EQ(BuildApp({"--pull=always"}), id2);
}

// The issue's promise: a build whose every step is cached and whose bases
// are in the store needs no registry at all.
TEST_F(BaseImagesTest, CachedBuildSucceedsWithTheRegistryStopped) {
  PushBase("1");
  const std::string app = reg_->host() + "/app:1";
  std::string id = BuildApp({"-t", app, "--push"});
  ASSERT_FALSE(id.empty());
  reg_.reset();  // stops the registry (SIGTERM to its PID) and removes its storage
  EXPECT_EQ(BuildApp({"-t", app}), id);
  // Asking the registry is then what fails, with the "unreachable" code.
  CommandResult always =
      Other({"build", "--progress", "quiet", "--retry", "0", "--pull", P("app")});
  EXPECT_EQ(always.exit_code, 4) << always.output;
  EXPECT_NE(always.output.find("mybuild: " + P("app/Dockerfile") + ":1: pull " + base_ + ": "), std::string::npos)
      << always.output;
}

// `mybuild pull` by tag and by digest; what it pulled builds with the
// registry stopped.
TEST_F(BaseImagesTest, PullFillsTheStore) {
  std::string digest = PushBase("1");
  CommandResult bad = Other({"pull", "--platform", "linux", base_});
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_EQ(bad.output, "mybuild: invalid platform \"linux\": want os/arch[/variant]\n");
  CommandResult pulled = Other({"pull", base_});
  EXPECT_EQ(pulled.exit_code, 0) << pulled.output;
  EXPECT_EQ(pulled.output, base_ + "@" + digest + "\n");
  // Unpacked, as docker pull leaves it: in a fresh store the base's one
  // layer has its snapshot, so a RUN on it does not wait for the unpack.
  CommandResult fresh = Run({Binary(), "pull", base_, "--root", P("fresh")});
  EXPECT_EQ(fresh.exit_code, 0) << fresh.output;
  std::vector<std::string> snapshots;
  for (const auto& e : std::filesystem::directory_iterator(P("fresh/snapshots"))) {
    snapshots.push_back(e.path().filename().string());
  }
  CommandResult inspect = Run({Binary(), "inspect", base_, "--root", P("fresh")});
  // The config's diff_ids, as inspect shows them: "diff_ids": [ ... ].
  size_t open = inspect.output.find("\"diff_ids\": [");
  ASSERT_NE(open, std::string::npos) << inspect.output;
  std::string list = inspect.output.substr(open, inspect.output.find(']', open) - open);
  size_t diff_ids = 0;
  for (size_t at = list.find("sha256:"); at != std::string::npos; at = list.find("sha256:", at + 1)) {
    ++diff_ids;
  }
  ASSERT_FALSE(snapshots.empty());
  EXPECT_EQ(snapshots.size(), diff_ids) << inspect.output;
  for (const std::string& s : snapshots) {
    EXPECT_NE(list.find("\"sha256:" + s + "\""), std::string::npos) << s;
  }
  CommandResult images =
      Other({"images", "--digests", "--format", "{{.Repository}}:{{.Tag}} {{.Digest}}"});
  EXPECT_EQ(images.output, base_ + " " + digest + "\n");

  // By digest, into a third store: no tag, but FROM NAME@DIGEST finds it.
  const std::string pinned = reg_->host() + "/base@" + digest;
  CommandResult by_digest = Run({Binary(), "pull", pinned, "--root", P("third")});
  EXPECT_EQ(by_digest.exit_code, 0) << by_digest.output;
  EXPECT_EQ(by_digest.output, pinned + "\n");
  ASSERT_TRUE(MakeDirs(P("pinned")).ok());
  ASSERT_TRUE(WriteFileAtomic(P("pinned/Dockerfile"), "FROM " + pinned + "\nCOPY f /f\n").ok());
  ASSERT_TRUE(WriteFileAtomic(P("pinned/f"), "app\n").ok());

  reg_.reset();
  EXPECT_FALSE(BuildApp({"--pull=never"}).empty());
  CommandResult from_digest = Run({Binary(), "build", "--progress", "quiet", "--pull=never",
                                   P("pinned"), "--root", P("third")});
  EXPECT_EQ(from_digest.exit_code, 0) << from_digest.output;
  CommandResult gone = Other({"pull", "--retry", "0", base_});
  EXPECT_EQ(gone.exit_code, 4) << gone.output;
}

// registries.conf as podman reads it: a mirror serves a name whose registry
// nobody listens on, and a short name is tried on each search registry.
TEST_F(BaseImagesTest, MirrorsAndSearchRegistriesOfRegistriesConf) {
  std::string digest = PushBase("1");
  const std::string conf = P("registries.conf");
  ASSERT_TRUE(WriteFileAtomic(conf, "unqualified-search-registries = [\"127.0.0.2:1\", \"" +
                                        reg_->host() + "\"]\n[[registry]]\nlocation = "
                                        "\"127.0.0.1:1\"\n[[registry.mirror]]\nlocation = \"" +
                                        reg_->host() + "\"\n")
                  .ok());
  auto with_conf = [&](std::vector<std::string> args, const std::string& root) {
    args.insert(args.begin(), {"env", "CONTAINERS_REGISTRIES_CONF=" + conf, Binary()});
    args.insert(args.end(), {"--retry", "0", "--root", P(root)});
    return Run(args);
  };
  ASSERT_TRUE(WriteFileAtomic(P("app/Dockerfile"), "FROM 127.0.0.1:1/base:1\nCOPY f /f\n").ok());
  CommandResult mirrored = with_conf({"build", "--progress", "quiet", P("app")}, "other");
  EXPECT_EQ(mirrored.exit_code, 0) << mirrored.output;
  CommandResult images =
      Other({"images", "--digests", "--format", "{{.Repository}}:{{.Tag}} {{.Digest}}"});
  EXPECT_EQ(images.output, "127.0.0.1:1/base:1 " + digest + "\n");  // the name, not the mirror

  CommandResult searched = with_conf({"pull", "base:1"}, "third");
  EXPECT_EQ(searched.exit_code, 0) << searched.output;
  EXPECT_EQ(searched.output, base_ + "@" + digest + "\n");
  CommandResult missing = with_conf({"pull", "base:2"}, "third");
  EXPECT_EQ(missing.exit_code, 1) << missing.output;
  EXPECT_TRUE(missing.output.starts_with("mybuild: pull " + reg_->host() +
                                         "/base:2: manifest unknown"))
      << missing.output;
  ASSERT_TRUE(WriteFileAtomic(P("app/Dockerfile"), "FROM base:2\n").ok());
  CommandResult from_short = with_conf({"build", "--progress", "quiet", P("app")}, "third");
  EXPECT_EQ(from_short.exit_code, 1) << from_short.output;
  EXPECT_TRUE(from_short.output.starts_with(
      "mybuild: " + P("app/Dockerfile") + ":1: pull base:2: not found on any of 2 search registries: pull "
      "127.0.0.2:1/base:2: "))
      << from_short.output;
}

}  // namespace
}  // namespace mybuild::cli
