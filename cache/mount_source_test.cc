// RUN --mount bind sources planned with the real context digester: one path
// each, never a pattern, and errors that name the Dockerfile line.
#include <unistd.h>

#include <gtest/gtest.h>

#include <memory>

#include "base/fd.h"
#include "base/temp_dir.h"
#include "cache/context_digester.h"
#include "frontend/dockerfile.h"
#include "planner/plan_build.h"

namespace mybuild::cache {
namespace {

class Images : public planner::ImageConfigResolver {
 public:
  Expected<planner::ResolvedImage> Resolve(const std::string& ref) override {
    planner::ResolvedImage img;
    img.ref = "docker.io/library/" + ref;
    img.manifest = oci::Digest::Of(ref);
    return img;
  }
};

class MountSourceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto d = TempDir::Create();
    ASSERT_TRUE(d.ok());
    dir_ = std::make_unique<TempDir>(std::move(*d));
    ASSERT_TRUE(WriteFileAtomic(dir_->path() + "/a[b", "literal").ok());
    ASSERT_TRUE(WriteFileAtomic(dir_->path() + "/ab", "pattern match").ok());
    ASSERT_TRUE(WriteFileAtomic(dir_->path() + "/x*", "star").ok());
  }
  // The RUN step's mounts digest, or the planning error.
  std::string Plan(const std::string& source) {
    auto df = frontend::ParseDockerfile(
        "FROM busybox\nRUN --mount=type=bind,source=" + source +
            ",target=/m cat /m\n",
        "Dockerfile");
    if (!df.ok()) return "parse: " + df.status().message();
    Images images;
    ContextDigester sources(dir_->path(), nullptr);
    auto g = planner::PlanBuild(*df, {}, images, sources);
    if (!g.ok()) return g.status().message();
    return g->stages[0].steps[0].inputs_digest;
  }
  std::unique_ptr<TempDir> dir_;
};

TEST_F(MountSourceTest, SourcesAreTakenLiterally) {
  std::string literal = Plan("a[b");
  EXPECT_EQ(literal.size(), 64u) << literal;  // was a pattern syntax error
  ASSERT_TRUE(WriteFileAtomic(dir_->path() + "/ab", "changed").ok());
  EXPECT_EQ(Plan("a[b"), literal);  // "ab" is not what it reads
  ASSERT_TRUE(WriteFileAtomic(dir_->path() + "/a[b", "changed").ok());
  EXPECT_NE(Plan("a[b"), literal);
  std::string star = Plan("x*");
  ASSERT_EQ(::unlink((dir_->path() + "/x*").c_str()), 0);
  ASSERT_TRUE(WriteFileAtomic(dir_->path() + "/xy", "star").ok());
  EXPECT_NE(Plan("x*"), star);  // not "xy" either: "x*" is gone
}

TEST_F(MountSourceTest, ErrorsNameTheLine) {
  EXPECT_EQ(Plan("a?"),
            "Dockerfile:2: RUN --mount: source \"a?\" not found in build "
            "context or excluded by .dockerignore");
  EXPECT_EQ(Plan("[a"),
            "Dockerfile:2: RUN --mount: source \"[a\" not found in build "
            "context or excluded by .dockerignore");
}

}  // namespace
}  // namespace mybuild::cache
