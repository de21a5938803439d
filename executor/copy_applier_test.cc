#include "executor/copy_applier.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/xattr.h>
#include <unistd.h>

#include "base/fd.h"
#include "base/temp_dir.h"
#include "cache/source_glob.h"

namespace mybuild::executor {
namespace {

class CopyApplierTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto d = TempDir::Create();
    ASSERT_TRUE(d.ok());
    dir_ = std::make_unique<TempDir>(std::move(*d));
    for (const char* p : {"ctx/src/lib", "image/etc", "image/app", "out"}) {
      ASSERT_TRUE(MakeDirs(P(p)).ok());
    }
    Write("ctx/a.txt", "A", 0640);
    Write("ctx/b.txt", "B", 0644);
    Write("ctx/.hidden", "H", 0644);
    Write("ctx/src/main.c", "int main;", 0644);
    Write("ctx/src/lib/x.c", "x", 0755);
    Write("ctx/src/notes.md", "n", 0644);
    ASSERT_EQ(::symlink("/etc/shadow", P("ctx/link").c_str()), 0);
    ASSERT_EQ(::symlink("/etc", P("ctx/etclink").c_str()), 0);
    ASSERT_EQ(::chmod(P("image/app").c_str(), 0711), 0);
    ASSERT_EQ(::chown(P("image/app").c_str(), 7, 8), 0);
  }
  void Write(const std::string& p, const std::string& data, mode_t mode) {
    ASSERT_TRUE(WriteFileAtomic(P(p), data, mode).ok());
    ASSERT_EQ(::chmod(P(p).c_str(), mode), 0);
  }
  std::string P(const std::string& p) { return dir_->path() + "/" + p; }
  // COPY `sources` (patterns in ctx) to `dest`, with `req`'s flags.
  Status Copy(std::vector<std::string> sources, std::string dest,
              CopyRequest req = {}) {
    for (const std::string& s : sources) {
      auto found = FindSources(P("ctx"), s, req.parents, req.excluded);
      if (!found.ok()) return found.status();
      if (found->empty()) return NotFound("not found: " + s);
      for (CopyItem& item : *found) item.context = true;
      req.items.insert(req.items.end(), found->begin(), found->end());
    }
    req.dest = std::move(dest);
    return ApplyCopy(req, LayerView({P("image")}), P("out"));
  }
  struct stat Stat(const std::string& p) {
    struct stat st = {};
    EXPECT_EQ(::lstat(P(p).c_str(), &st), 0) << p;
    return st;
  }
  bool Exists(const std::string& p) {
    struct stat st;
    return ::lstat(P(p).c_str(), &st) == 0;
  }
  std::unique_ptr<TempDir> dir_;
};

TEST_F(CopyApplierTest, FileToNewPathKeepsModeAndOwnsByRoot) {
  ASSERT_TRUE(Copy({"a.txt"}, "/opt/renamed").ok());
  EXPECT_EQ(*ReadFile(P("out/opt/renamed")), "A");
  EXPECT_EQ(Stat("out/opt/renamed").st_mode & 07777, 0640u);
  EXPECT_EQ(Stat("out/opt/renamed").st_uid, 0u);
  EXPECT_EQ(Stat("out/opt").st_mode & 07777, 0755u);
}

TEST_F(CopyApplierTest, ExistingDirInImageReceivesFileAndKeepsItsMetadata) {
  ASSERT_TRUE(Copy({"a.txt"}, "/app").ok());
  EXPECT_EQ(*ReadFile(P("out/app/a.txt")), "A");
  EXPECT_EQ(Stat("out/app").st_mode & 07777, 0711u);
  EXPECT_EQ(Stat("out/app").st_uid, 7u);
  EXPECT_EQ(Stat("out/app").st_gid, 8u);
}

TEST_F(CopyApplierTest, DirectoryCopiesItsContents) {
  ASSERT_TRUE(Copy({"src"}, "/code/").ok());
  EXPECT_EQ(*ReadFile(P("out/code/main.c")), "int main;");
  EXPECT_EQ(Stat("out/code/lib/x.c").st_mode & 07777, 0755u);
  EXPECT_FALSE(Exists("out/code/src"));
}

TEST_F(CopyApplierTest, WildcardsMatchLikeGo) {
  auto m = cache::ExpandSource(P("ctx"), "*.txt", nullptr);
  ASSERT_TRUE(m.ok());
  EXPECT_EQ(*m, (std::vector<std::string>{"a.txt", "b.txt"}));
  EXPECT_EQ(*cache::ExpandSource(P("ctx"), "src/*/x.?", nullptr),
            (std::vector<std::string>{"src/lib/x.c"}));
  EXPECT_EQ(*cache::ExpandSource(P("ctx"), ".*", nullptr),
            (std::vector<std::string>{".hidden"}));
  ASSERT_TRUE(Copy({"*.txt"}, "/t/").ok());
  EXPECT_EQ(*ReadFile(P("out/t/b.txt")), "B");
}

// A source symlink is followed, inside the context (BuildKit copies with
// FollowSymlinks): link -> /etc/shadow leads to ctx/etc/shadow, which is
// not there, never to the host's.
TEST_F(CopyApplierTest, ASourceSymlinkIsFollowedInsideTheContext) {
  EXPECT_EQ(Copy({"link"}, "/l").message(), "not found: link");
  EXPECT_FALSE(Exists("out/l"));
}

TEST_F(CopyApplierTest, ADirectorySymlinkCannotReachOutOfTheContext) {
  // etclink -> /etc resolves to ctx/etc, which has no passwd.
  EXPECT_EQ(Copy({"etclink/passwd"}, "/p").message(),
            "not found: etclink/passwd");
  EXPECT_EQ(Copy({"*/passwd"}, "/p").message(), "not found: */passwd");
  EXPECT_FALSE(Exists("out/p"));
}

TEST_F(CopyApplierTest, ChownChmodAndDockerignore) {
  CopyRequest req;
  req.uid = 1000;
  req.gid = 1001;
  req.chmod = *ChmodSpec::Parse("600");
  req.excluded = [](const std::string& p) { return p == "src/lib"; };
  ASSERT_TRUE(Copy({"src"}, "/s", req).ok());
  EXPECT_EQ(Stat("out/s/main.c").st_uid, 1000u);
  EXPECT_EQ(Stat("out/s/main.c").st_gid, 1001u);
  EXPECT_EQ(Stat("out/s/main.c").st_mode & 07777, 0600u);
  EXPECT_FALSE(Exists("out/s/lib"));
}

TEST_F(CopyApplierTest, SymbolicChmodAppliesToFilesAndDirectories) {
  CopyRequest req;
  req.chmod = *ChmodSpec::Parse("u=rwX,go=rX");
  ASSERT_EQ(::chmod(P("ctx/src/lib").c_str(), 0700), 0);
  ASSERT_TRUE(Copy({"src"}, "/s/", req).ok());
  EXPECT_EQ(Stat("out/s/lib").st_mode & 07777, 0755u);
  EXPECT_EQ(Stat("out/s/lib/x.c").st_mode & 07777, 0755u);
  EXPECT_EQ(Stat("out/s/main.c").st_mode & 07777, 0644u);
}

TEST_F(CopyApplierTest, ParentsKeepTheSourcePathOrWhatFollowsDotSlash) {
  CopyRequest req;
  req.parents = true;
  Status st = Copy({"src/lib/x.c", "./src/./notes.md", "src/lib"}, "/p", req);
  ASSERT_TRUE(st.ok()) << st.message();
  EXPECT_EQ(*ReadFile(P("out/p/src/lib/x.c")), "x");
  EXPECT_EQ(*ReadFile(P("out/p/notes.md")), "n");
  EXPECT_FALSE(Exists("out/p/src/notes.md"));
}

TEST_F(CopyApplierTest, ExcludePatternsFilterWhatIsCopied) {
  CopyRequest req;
  req.exclude = *frontend::ignore::Matcher::Create({"*.md", "lib"});
  ASSERT_TRUE(Copy({"src", "*.txt"}, "/e/", req).ok());
  EXPECT_TRUE(Exists("out/e/main.c"));
  EXPECT_TRUE(Exists("out/e/a.txt"));
  EXPECT_FALSE(Exists("out/e/notes.md"));
  EXPECT_FALSE(Exists("out/e/lib"));
  req.exclude = *frontend::ignore::Matcher::Create({"a.*"});
  ASSERT_TRUE(Copy({"*.txt"}, "/f/", req).ok());
  EXPECT_FALSE(Exists("out/f/a.txt"));
  EXPECT_TRUE(Exists("out/f/b.txt"));
}

TEST_F(CopyApplierTest, LaterSourcesReplaceEarlierOnes) {
  Write("ctx/src/a.txt", "from src", 0644);
  ASSERT_TRUE(Copy({"a.txt", "src"}, "/r/").ok());
  EXPECT_EQ(*ReadFile(P("out/r/a.txt")), "from src");
}

// cap_net_raw+ep, as setcap writes it (VFS_CAP_REVISION_2).
const std::string kCaps("\x01\x00\x00\x02\x00\x20\x00\x00\x00\x00\x00\x00"
                        "\x00\x00\x00\x00\x00\x00\x00\x00", 20);

std::string Xattr(const std::string& path, const char* key) {
  char buf[64];
  ssize_t n = ::lgetxattr(path.c_str(), key, buf, sizeof buf);
  return n < 0 ? "<none>" : std::string(buf, n);
}

TEST_F(CopyApplierTest, AStagesFilesKeepExtendedAttributesAndCapabilities) {
  if (::geteuid() != 0) GTEST_SKIP() << "security.capability needs root";
  ASSERT_EQ(::lsetxattr(P("ctx/a.txt").c_str(), "security.capability",
                        kCaps.data(), kCaps.size(), 0), 0);
  ASSERT_EQ(::lsetxattr(P("ctx/a.txt").c_str(), "user.note", "hi", 2, 0), 0);
  CopyRequest req;
  req.keep_owners = true;  // COPY --from
  req.uid = 1000;  // a chown drops capabilities: they must be set after it
  ASSERT_TRUE(Copy({"a.txt"}, "/x", req).ok());
  EXPECT_EQ(Xattr(P("out/x"), "security.capability"), kCaps);
  EXPECT_EQ(Xattr(P("out/x"), "user.note"), "hi");
}

TEST_F(CopyApplierTest, TheContextsFilesLoseTheirCapabilitiesAsInBuildKit) {
  if (::geteuid() != 0) GTEST_SKIP() << "security.capability needs root";
  ASSERT_EQ(::lsetxattr(P("ctx/a.txt").c_str(), "security.capability",
                        kCaps.data(), kCaps.size(), 0), 0);
  ASSERT_EQ(::lsetxattr(P("ctx/a.txt").c_str(), "user.note", "hi", 2, 0), 0);
  ASSERT_TRUE(Copy({"a.txt"}, "/x").ok());
  EXPECT_EQ(Xattr(P("out/x"), "security.capability"), "<none>");
  EXPECT_EQ(Xattr(P("out/x"), "user.note"), "hi");
}

TEST_F(CopyApplierTest, HardlinksStayHardlinks) {
  ASSERT_EQ(::link(P("ctx/src/main.c").c_str(), P("ctx/src/main2.c").c_str()),
            0);
  ASSERT_TRUE(Copy({"src"}, "/h/").ok());
  EXPECT_EQ(Stat("out/h/main.c").st_ino, Stat("out/h/main2.c").st_ino);
  EXPECT_EQ(Stat("out/h/main.c").st_nlink, 2u);
}

// As BuildKit: a copied directory leaves out fifos and sockets; a fifo
// named as a source on its own is an error.
TEST_F(CopyApplierTest, FifosInACopiedDirectoryAreLeftOut) {
  ASSERT_EQ(::mkfifo(P("ctx/src/pipe").c_str(), 0644), 0);
  ASSERT_TRUE(Copy({"src"}, "/d/").ok());
  EXPECT_TRUE(Exists("out/d/main.c"));
  EXPECT_FALSE(Exists("out/d/pipe"));
  EXPECT_EQ(Copy({"src/pipe"}, "/p").message(),
            "COPY failed: \"pipe\" is not a file, directory or symlink");
}

TEST_F(CopyApplierTest, ErrorsAreDockers) {
  EXPECT_EQ(Copy({"a.txt", "b.txt"}, "/x").message(),
            "When using COPY with more than one source file, the destination "
            "must be a directory and end with a /");
  EXPECT_EQ(
      Copy({"../etc/passwd"}, "/x").message(),
      "COPY failed: forbidden path outside the build context: ../etc/passwd");
}

// An earlier source's link to a host dir, where --parents puts a later
// source's parent dir: nothing is written, removed or chmod'ed through it.
TEST_F(CopyApplierTest, ParentsNeverGoThroughALinkAnEarlierSourceCopied) {
  ASSERT_TRUE(MakeDirs(P("host")).ok());
  ASSERT_EQ(::chmod(P("host").c_str(), 0700), 0);
  Write("host/f", "host", 0600);
  ASSERT_TRUE(MakeDirs(P("ctx/p")).ok());
  ASSERT_TRUE(MakeDirs(P("ctx/x/p/sub")).ok());
  Write("ctx/x/p/sub/f", "ctx", 0644);
  ASSERT_EQ(::symlink(P("host").c_str(), P("ctx/p/sub").c_str()), 0);
  CopyRequest req;
  req.parents = true;
  EXPECT_EQ(Copy({"p", "x/./p/sub/f"}, "/dest/", req).message(),
            "mkdir \"" + P("out/dest/p/sub") + "\": Not a directory");
  EXPECT_EQ(*ReadFile(P("host/f")), "host");
  EXPECT_EQ(Stat("host").st_mode & 07777, 0700u);
  EXPECT_EQ(Stat("host/f").st_mode & 07777, 0600u);
}

}  // namespace
}  // namespace mybuild::executor
