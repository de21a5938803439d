// COPY sources from the build context resolved as BuildKit resolves them
// (dockerfile2llb's copy options, fsutil's copy, the contenthash cache keys,
// the .dockerignore filter of the context transfer), checked end to end in
// the image umoci unpacks, and against the context digester's keys.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>

#include "base/fd.h"
#include "base/temp_dir.h"
#include "cache/context_digester.h"
#include "executor/dockerfile_test_support.h"
#include "frontend/ignore/walk.h"

namespace mybuild::executor {
namespace {

namespace fs = std::filesystem;
using testing::BuildDockerfile;
using testing::RecordingProgress;
using testing::UnpackWithUmoci;

class CopySourceSemanticsTest : public testing::BuildTest {
 protected:
  void SetUp() override {
    SetUpBuild(false, true);
    if (IsSkipped() || HasFatalFailure()) return;
  }
  void File(const std::string& rel, const std::string& data) {
    ASSERT_TRUE(MakeDirs(fs::path(P("ctx/" + rel)).parent_path()).ok());
    ASSERT_TRUE(WriteFileAtomic(P("ctx/" + rel), data).ok());
  }
  void Link(const std::string& rel, const std::string& target) {
    ASSERT_EQ(::symlink(target.c_str(), P("ctx/" + rel).c_str()), 0);
  }
  void Ignore(const std::vector<std::string>& patterns) {
    auto m = frontend::ignore::Matcher::Create(patterns);
    ASSERT_TRUE(m.ok());
    excluded_ = [m = *m, ctx = P("ctx")](const std::string& path) {
      return frontend::ignore::HiddenFromContext(ctx, m, path);
    };
  }
  Expected<std::string> Key(const std::vector<std::string>& sources) {
    return cache::ContextDigester(P("ctx"), excluded_).Digest(sources);
  }
  // "same", "changed", or the digester's error, once the context file
  // `rel` holds `data` instead of what it held.
  std::string Rekey(const std::vector<std::string>& sources,
                    const std::string& rel, const std::string& data) {
    Expected<std::string> before = Key(sources);
    File(rel, data);
    Expected<std::string> after = Key(sources);
    if (!before.ok()) return before.status().message();
    if (!after.ok()) return after.status().message();
    return *before == *after ? "same" : "changed";
  }

  // Builds `dockerfile`; "ok" and the unpacked rootfs listed, or the error.
  std::string Build(const std::string& dockerfile) {
    ExecOptions o;
    o.excluded = excluded_;
    RecordingProgress progress;
    fs::remove_all(P("root"));
    fs::remove_all(P("layout"));
    fs::remove_all(P("bundle"));
    auto built = BuildDockerfile(dockerfile, P("ctx"), P("root"), o, progress);
    if (!built.ok()) return built.status().message();
    Status st = UnpackWithUmoci(*built, P("root"), P("layout"), P("bundle"));
    if (!st.ok()) return st.message();
    return "ok\n" + Listing(P("bundle/rootfs"));
  }

  // "path/" for directories, "path -> target", "path=content", sorted.
  static std::string Listing(const std::string& root) {
    std::vector<std::string> lines;
    for (auto it = fs::recursive_directory_iterator(root);
         it != fs::recursive_directory_iterator(); ++it) {
      std::string rel = fs::relative(it->path(), root).string();
      if (it->is_symlink()) {
        lines.push_back(rel + " -> " + fs::read_symlink(it->path()).string());
      } else if (it->is_directory()) {
        lines.push_back(rel + "/");
      } else {
        lines.push_back(rel + "=" + *ReadFile(it->path()));
      }
    }
    std::sort(lines.begin(), lines.end());
    std::string out;
    for (const std::string& l : lines) out += l + "\n";
    return out;
  }

  std::function<bool(const std::string&)> excluded_;
};

// BuildKit's context transfer keeps the directories leading to a path a `!`
// pattern re-includes, with only their re-included children.
TEST_F(CopySourceSemanticsTest, ReincludedPathKeepsItsExcludedParents) {
  File("d/f1", "1");
  File("d/f2", "2");
  File("d/e/g", "3");
  File("top", "t");
  Ignore({"**", "!d/f1"});
  EXPECT_EQ(Build("FROM scratch\nCOPY d /d\n"), "ok\nd/\nd/f1=1\n");

  Ignore({"subdir", "!subdir/keep"});
  File("subdir/keep", "k");
  File("subdir/drop", "x");
  EXPECT_EQ(Build("FROM scratch\nCOPY . /all/\n"),
            "ok\nall/\nall/d/\nall/d/e/\nall/d/e/g=3\nall/d/f1=1\nall/d/f2=2\n"
            "all/subdir/\nall/subdir/keep=k\nall/top=t\n");
}

// The cache key covers what is copied: a re-included file changes it, an
// excluded one does not.
TEST_F(CopySourceSemanticsTest, KeyFollowsReincludedFilesOnly) {
  File("d/f1", "1");
  File("d/f2", "2");
  Ignore({"**", "!d/f1"});
  EXPECT_EQ(Rekey({"d"}, "d/f2", "changed"), "same");
  EXPECT_EQ(Rekey({"d"}, "d/f1", "changed"), "changed");
}

// dockerfile2llb copies with FollowSymlinks: a source that is a symlink is
// followed (inside the context) and its target's content lands under the
// source's name; symlinks below a copied directory stay links.
TEST_F(CopySourceSemanticsTest, TopLevelSourceSymlinkIsFollowed) {
  File("real/file", "x");
  Link("link", "real/file");
  Link("abs", "/real/file");
  Link("dirlink", "real");
  File("tree/plain", "p");
  Link("tree/inner", "../real/file");
  EXPECT_EQ(Build("FROM scratch\nCOPY link /\nCOPY abs /a/\n"
                  "COPY dirlink /dl/\nCOPY tree /t/\nCOPY li* /w/\n"),
            "ok\na/\na/abs=x\ndl/\ndl/file=x\nlink=x\nt/\n"
            "t/inner -> ../real/file\nt/plain=p\nw/\nw/link=x\n");
  EXPECT_EQ(Rekey({"link"}, "real/file", "y"), "changed");
}

// Word expansion (BuildKit's shell.Lex.ProcessWord) consumes one '\', so
// `n\?pe` reaches the copy as `n?pe` and copies from the directory "n?pe".
// `n\\?pe` reaches it as `n\?pe`: a wildcard that a backslash escapes, so
// fsutil's splitWildcards keeps the path literal, backslash and all.
TEST_F(CopySourceSemanticsTest, EscapedWildcardIsLiteral) {
  File("n?pe/f", "q");
  File("n\\?pe/f", "b");
  EXPECT_EQ(Build("FROM scratch\nCOPY n\\?pe/f /x\n"),
            "ok\nx=q\n");
  EXPECT_EQ(Build("FROM scratch\nCOPY n\\\\?pe/f /y\n"), "ok\ny=b\n");
  EXPECT_EQ(Rekey({"n\\?pe/f"}, "n?pe/f", "changed"), "same");
  EXPECT_EQ(Rekey({"n\\?pe/f"}, "n\\?pe/f", "changed"), "changed");
  EXPECT_EQ(Rekey({"n?pe/f"}, "n?pe/f", "again"), "changed");
}

// dockerfile2llb sets AllowEmptyWildcard for COPY and ADD: a wildcard that
// matches nothing is no error, beside a match or alone (the step then adds
// nothing, not even its destination, as BuildKit's copy); a plain path that
// names nothing still is.
TEST_F(CopySourceSemanticsTest, EmptyWildcardsAreNoError) {
  File("f", "F");
  EXPECT_EQ(Build("FROM scratch\nCOPY f missing* /d/\n"), "ok\nd/\nd/f=F\n");
  EXPECT_TRUE(Key({"f", "missing*"}).ok());
  EXPECT_EQ(Build("FROM scratch\nCOPY missing* /d/\n"), "ok\n");
  EXPECT_TRUE(Key({"missing*"}).ok());
  EXPECT_EQ(Build("FROM scratch\nCOPY missing /d/\n"),
            "Dockerfile:2: COPY failed: file not found in build context or "
            "excluded by .dockerignore: \"missing\"");
}

// Go's path.Match, which BuildKit applies, reads `**` as two `*`: each
// matches one name, so `e/**/**/*sub/*.txt` is four levels below e.
TEST_F(CopySourceSemanticsTest, DoubleStarsMatchOneLevelEach) {
  File("e/a/b/csub/x.txt", "4");
  File("e/a/csub/y.txt", "3");
  File("e/a/b/c/dsub/z.txt", "5");
  EXPECT_EQ(Build("FROM scratch\nCOPY e/**/**/*sub/*.txt /out/\n"),
            "ok\nout/\nout/x.txt=4\n");
  const std::vector<std::string> src = {"e/**/**/*sub/*.txt"};
  EXPECT_EQ(Rekey(src, "e/a/csub/y.txt", "changed"), "same");
  EXPECT_EQ(Rekey(src, "e/a/b/c/dsub/z.txt", "changed"), "same");
  EXPECT_EQ(Rekey(src, "e/a/b/csub/x.txt", "changed"), "changed");
}

}  // namespace
}  // namespace mybuild::executor
