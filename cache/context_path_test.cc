#include "cache/context_path.h"

#include <unistd.h>

#include <gtest/gtest.h>

#include <memory>

#include "base/fd.h"
#include "base/temp_dir.h"
#include "cache/source_glob.h"

namespace mybuild::cache {
namespace {

using Names = std::vector<std::string>;

// A context at <tmp>/ctx beside <tmp>/host, which stands for the host's
// files: nothing in the context may lead there.
class ContextPathTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto d = TempDir::Create();
    ASSERT_TRUE(d.ok());
    dir_ = std::make_unique<TempDir>(std::move(*d));
    ASSERT_TRUE(MakeDirs(P("ctx/sub/deep")).ok());
    ASSERT_TRUE(MakeDirs(P("host")).ok());
    ASSERT_TRUE(WriteFileAtomic(P("ctx/sub/y.txt"), "y").ok());
    ASSERT_TRUE(WriteFileAtomic(P("ctx/top.txt"), "t").ok());
    ASSERT_TRUE(WriteFileAtomic(P("host/passwd"), "secret").ok());
    Link("/etc", "hostetc");       // absolute: the context's /etc (missing)
    Link(P("host"), "hostabs");    // absolute host path, re-rooted
    Link("../host", "uphost");     // relative escape: the context's /host
    Link("../../../..", "up");     // relative escape: the context itself
    Link("sub", "rel");            // a directory inside the context
    Link("/sub/deep/../", "abs");  // absolute inside the context
    Link("loop", "loop");
  }
  std::string P(const std::string& p) { return dir_->path() + "/" + p; }
  void Link(const std::string& target, const std::string& name) {
    ASSERT_EQ(::symlink(target.c_str(), P("ctx/" + name).c_str()), 0) << name;
  }
  std::string Resolve(const std::string& path, bool follow_last) {
    auto r = ResolveInContext(P("ctx"), path, follow_last);
    EXPECT_TRUE(r.ok()) << path << ": " << r.status().message();
    return r.ok() ? *r : "<error>";
  }
  Names Expand(const std::string& pattern) {
    auto r = ExpandSource(P("ctx"), pattern, nullptr);
    EXPECT_TRUE(r.ok()) << pattern << ": " << r.status().message();
    return r.ok() ? *r : Names{"<error>"};
  }
  std::unique_ptr<TempDir> dir_;
};

TEST_F(ContextPathTest, SymlinksResolveInsideTheContext) {
  EXPECT_EQ(Resolve("hostetc/passwd", true), "etc/passwd");
  EXPECT_EQ(Resolve("hostabs/passwd", true), P("host/passwd").substr(1));
  EXPECT_EQ(Resolve("uphost/passwd", true), "host/passwd");
  EXPECT_EQ(Resolve("up/up/top.txt", true), "top.txt");
  EXPECT_EQ(Resolve("up", true), "");
  EXPECT_EQ(Resolve("/rel/../abs/y.txt", true), "sub/y.txt");
  EXPECT_EQ(Resolve("../../rel", false), "rel");  // the last one kept
  EXPECT_EQ(Resolve("rel", true), "sub");
  EXPECT_EQ(Resolve("top.txt/x/../y", true), "top.txt/y");  // as written
  auto loop = ResolveInContext(P("ctx"), "loop/x", false);
  EXPECT_EQ(loop.status().message(),
            "resolve \"/loop/x\" in the build context: Too many levels of "
            "symbolic links");
}

TEST_F(ContextPathTest, WildcardsAfterASymlinkNeverListTheHost) {
  // BuildKit resolves the part before the wildcard inside the context.
  EXPECT_EQ(Expand("hostetc/*"), Names{});
  EXPECT_EQ(Expand("hostetc/passwd"), Names{});
  EXPECT_EQ(Expand("hostabs/*"), Names{});
  EXPECT_EQ(Expand("uphost/*"), Names{});
  EXPECT_EQ(Expand("uphost/passwd"), Names{});
  EXPECT_EQ(Expand("up/*.txt"), (Names{"up/top.txt"}));
  EXPECT_EQ(Expand("up/s*/y.txt"), (Names{"up/sub/y.txt"}));
  // A symlink to a directory of the context is listed through, as
  // fsutil's copy with FollowLinks lists it.
  EXPECT_EQ(Expand("rel/*"), (Names{"rel/deep", "rel/y.txt"}));
  EXPECT_EQ(Expand("abs/?.txt"), (Names{"abs/y.txt"}));
  EXPECT_EQ(Expand("up/rel/*.txt"), (Names{"up/rel/y.txt"}));
  // Below a wildcard a symlink is matched, not listed through.
  EXPECT_EQ(Expand("u*/*"), Names{});
  EXPECT_EQ(Expand("r?l"), (Names{"rel"}));
}

TEST_F(ContextPathTest, ExclusionsApplyToWhereThePathLeads) {
  auto r = ExpandSource(P("ctx"), "rel/*",
                        [](const std::string& p) { return p == "sub/y.txt"; });
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(*r, (Names{"rel/deep"}));
}

}  // namespace
}  // namespace mybuild::cache
