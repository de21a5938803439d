#include "frontend/ignore/walk.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/fd.h"
#include "base/temp_dir.h"

namespace mybuild::frontend::ignore {
namespace {

class WalkContextTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Expected<TempDir> dir = TempDir::Create();
    ASSERT_TRUE(dir.ok());
    dir_ = std::make_unique<TempDir>(std::move(*dir));
    for (const char* d : {"a/b/c", "docs/old", "node_modules/x/y", "src"}) {
      ASSERT_TRUE(MakeDirs(Path(d)).ok());
    }
    for (const char* f :
         {"Dockerfile", "a/b/c/d.txt", "a/b/e.txt", "a/top.txt",
          "docs/README.md", "docs/old/1.md", "node_modules/x/y/z.js",
          "src/main.go", "src/main_test.go", "app.log"}) {
      ASSERT_TRUE(WriteFileAtomic(Path(f), "x").ok());
    }
    ASSERT_EQ(::symlink("src", Path("link").c_str()), 0);
  }

  std::string Path(const std::string& rel) { return dir_->path() + "/" + rel; }

  // "path" for files, "path/" for directories, "path@" for symlinks.
  std::vector<std::string> Walk(const std::vector<std::string>& patterns,
                                const ContextVisitor& also = nullptr) {
    Expected<Matcher> m = Matcher::Create(patterns);
    EXPECT_TRUE(m.ok());
    std::vector<std::string> seen;
    Status st = WalkContext(dir_->path(), *m, [&](const ContextEntry& e) {
      const char* mark = e.type == EntryType::kDir       ? "/"
                         : e.type == EntryType::kSymlink ? "@"
                                                         : "";
      seen.push_back(e.path + mark);
      return also ? also(e) : Status::Ok();
    });
    if (!st.ok()) seen.push_back("error: " + st.message());
    return seen;
  }

  std::unique_ptr<TempDir> dir_;
};

TEST_F(WalkContextTest, NoPatternsListsEverythingInByteOrder) {
  EXPECT_EQ(Walk({}), (std::vector<std::string>{"Dockerfile",
                                                "a/",
                                                "a/b/",
                                                "a/b/c/",
                                                "a/b/c/d.txt",
                                                "a/b/e.txt",
                                                "a/top.txt",
                                                "app.log",
                                                "docs/",
                                                "docs/README.md",
                                                "docs/old/",
                                                "docs/old/1.md",
                                                "link@",
                                                "node_modules/",
                                                "node_modules/x/",
                                                "node_modules/x/y/",
                                                "node_modules/x/y/z.js",
                                                "src/",
                                                "src/main.go",
                                                "src/main_test.go"}));
}

TEST_F(WalkContextTest, ExcludesFilesAndWholeDirectories) {
  EXPECT_EQ(Walk({"node_modules", "*.log", "**/*_test.go", "docs/old", "a"}),
            (std::vector<std::string>{"Dockerfile", "docs/", "docs/README.md",
                                      "link@", "src/", "src/main.go"}));
}

TEST_F(WalkContextTest, ReincludedFileBringsItsExcludedParents) {
  EXPECT_EQ(Walk({"*", "!a/b/c", "!Dockerfile"}),
            (std::vector<std::string>{"Dockerfile", "a/", "a/b/", "a/b/c/",
                                      "a/b/c/d.txt"}));
  // A directory whose exception finds nothing is not reported.
  EXPECT_EQ(
      Walk({"a", "docs", "!a/nothing/here", "!docs/README.md", "src",
            "node_modules", "*.log", "link"}),
      (std::vector<std::string>{"Dockerfile", "docs/", "docs/README.md"}));
}

TEST_F(WalkContextTest, SkippedDirectoryIsNeverOpened) {
  // Removing node_modules while the walk is under way shows whether the
  // walker still tries to read it.
  auto remove = [&](const ContextEntry& e) {
    if (e.path == "Dockerfile") return RemoveAll(Path("node_modules"));
    return Status::Ok();
  };
  EXPECT_EQ(Walk({"node_modules", "a", "docs", "src", "link", "*.log"}, remove),
            (std::vector<std::string>{"Dockerfile"}));
  ASSERT_TRUE(MakeDirs(Path("node_modules/x")).ok());
  EXPECT_EQ(Walk({"node_modules", "!node_modules/keep", "a", "docs", "src",
                  "link", "*.log"},
                 remove),
            (std::vector<std::string>{"Dockerfile",
                                      "error: open \"" + Path("node_modules") +
                                          "\": No such file or directory"}));
}

TEST_F(WalkContextTest, VisitorErrorStopsTheWalk) {
  auto fail = [](const ContextEntry& e) {
    return e.path == "a/b" ? InvalidArgument("stop at a/b") : Status::Ok();
  };
  EXPECT_EQ(Walk({}, fail),
            (std::vector<std::string>{"Dockerfile", "a/", "a/b/",
                                      "error: stop at a/b"}));
}

TEST_F(WalkContextTest, MissingContextIsAnError) {
  Matcher none;
  Status st = WalkContext(Path("missing"), none,
                          [](const ContextEntry&) { return Status::Ok(); });
  EXPECT_EQ(st.message(),
            "open \"" + Path("missing") + "\": No such file or directory");
}

// HiddenFromContext agrees with the walk (what BuildKit transfers): an
// excluded directory stays while something under it is re-included.
TEST_F(WalkContextTest, HiddenFromContextKeepsParentsOfReincludedPaths) {
  auto hidden = [&](const std::vector<std::string>& patterns,
                    const std::string& path) {
    Expected<Matcher> m = Matcher::Create(patterns);
    EXPECT_TRUE(m.ok());
    return HiddenFromContext(dir_->path(), *m, path);
  };
  EXPECT_FALSE(hidden({"**", "!a/b/c/d.txt"}, "a"));
  EXPECT_FALSE(hidden({"**", "!a/b/c/d.txt"}, "a/b/c"));
  EXPECT_FALSE(hidden({"**", "!a/b/c/d.txt"}, "a/b/c/d.txt"));
  EXPECT_TRUE(hidden({"**", "!a/b/c/d.txt"}, "a/b/e.txt"));
  EXPECT_TRUE(hidden({"**", "!a/b/c/d.txt"}, "docs"));
  EXPECT_FALSE(hidden({"a", "!a/top.txt"}, "a"));
  EXPECT_TRUE(hidden({"a", "!a/top.txt"}, "a/b"));
  // A `!` pattern that could match under a directory but matches nothing
  // there leaves it hidden.
  EXPECT_TRUE(hidden({"a", "!a/**/*.md"}, "a"));
  EXPECT_FALSE(hidden({"docs", "!docs/**/**/*.md"}, "docs/old"));
  EXPECT_FALSE(hidden({"**", "!**/**/z.js"}, "node_modules/x"));
  // Nothing is found through a symlinked directory.
  EXPECT_TRUE(hidden({"**", "!link/main.go"}, "link"));
  EXPECT_FALSE(hidden({"*.log"}, "a"));
  EXPECT_FALSE(hidden({"**"}, "."));
  EXPECT_TRUE(hidden({"**"}, "missing"));
}

}  // namespace
}  // namespace mybuild::frontend::ignore
