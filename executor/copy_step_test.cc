// COPY and ADD end to end through ApplyCopyStep: --from a stage (mounted
// as an overlay), --link, ADD of local archives, URLs and checksums.
#include "executor/copy_step.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <cstdlib>

#include "base/fd.h"
#include "base/sha256.h"
#include "base/temp_dir.h"
#include "executor/test_http_server.h"

namespace mybuild::executor {
namespace {

class CopyStepTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (::geteuid() != 0) GTEST_SKIP() << "needs root (overlay mounts, chown)";
    auto d = TempDir::Create();
    ASSERT_TRUE(d.ok());
    dir_ = std::make_unique<TempDir>(std::move(*d));
    for (const char* p : {"ctx/tree/sub", "image/app", "out", "scratch",
                          "top/app", "bottom/app", "bottom/usr/lib"}) {
      ASSERT_TRUE(MakeDirs(P(p)).ok());
    }
    ASSERT_TRUE(WriteFileAtomic(P("ctx/a.txt"), "A").ok());
    ASSERT_TRUE(WriteFileAtomic(P("ctx/tree/sub/f"), "F").ok());
    ASSERT_EQ(std::system(("tar -C " + P("ctx/tree") + " -czf " +
                           P("ctx/t.tgz") + " --owner=3 --group=4 .")
                              .c_str()),
              0);
    ASSERT_EQ(::chown(P("image/app").c_str(), 7, 8), 0);
    // A stage of two layers: the top one adds app/new and deletes app/old.
    ASSERT_TRUE(WriteFileAtomic(P("top/app/new"), "new").ok());
    ASSERT_EQ(::mknod(P("top/app/old").c_str(), S_IFCHR | 0600, makedev(0, 0)),
              0);
    ASSERT_TRUE(WriteFileAtomic(P("bottom/app/old"), "old").ok());
    ASSERT_TRUE(WriteFileAtomic(P("bottom/app/keep"), "keep").ok());
    ASSERT_TRUE(WriteFileAtomic(P("bottom/usr/lib/libx.so"), "elf").ok());
    ASSERT_EQ(::symlink("/usr/lib", P("bottom/lib").c_str()), 0);
  }
  std::string P(const std::string& p) { return dir_->path() + "/" + p; }
  Status Copy(planner::CopyStep copy) {
    CopyStepInputs in;
    in.context_dir = P("ctx");
    in.scratch = P("scratch");
    in.from_layers = {P("top"), P("bottom")};
    return ApplyCopyStep(copy, LayerView({P("image")}), in, P("out"));
  }
  planner::CopyStep Step(std::vector<std::string> sources, std::string dest) {
    planner::CopyStep c;
    c.sources = std::move(sources);
    c.dest = std::move(dest);
    return c;
  }
  bool Exists(const std::string& p) {
    struct stat st;
    return ::lstat(P(p).c_str(), &st) == 0;
  }
  struct stat Stat(const std::string& p) {
    struct stat st = {};
    EXPECT_EQ(::lstat(P(p).c_str(), &st), 0) << p;
    return st;
  }
  std::unique_ptr<TempDir> dir_;
};

TEST_F(CopyStepTest, FromAStageSeesItsMergedLayers) {
  planner::CopyStep c = Step({"/app", "/lib/libx.so"}, "/dst/");
  c.from_stage = 1;
  Status st = Copy(c);
  ASSERT_TRUE(st.ok()) << st.message();
  EXPECT_EQ(*ReadFile(P("out/dst/new")), "new");
  EXPECT_EQ(*ReadFile(P("out/dst/keep")), "keep");
  EXPECT_FALSE(Exists("out/dst/old"));  // whited out in the top layer
  // /lib -> /usr/lib resolves inside the stage, not on the host.
  EXPECT_EQ(*ReadFile(P("out/dst/libx.so")), "elf");
  c.sources = {"/nope"};
  EXPECT_EQ(Copy(c).message(),
            "COPY failed: file not found in stage: \"/nope\"");
}

TEST_F(CopyStepTest, LinkDoesNotReadTheImage) {
  planner::CopyStep c = Step({"a.txt"}, "/app");
  c.link = true;
  ASSERT_TRUE(Copy(c).ok());
  // Without the image, /app is not known to be a directory.
  EXPECT_EQ(*ReadFile(P("out/app")), "A");
}

TEST_F(CopyStepTest, AddExtractsLocalArchivesUnlessUnpackIsFalse) {
  planner::CopyStep c = Step({"t.tgz"}, "/x");
  c.is_add = true;
  ASSERT_TRUE(Copy(c).ok());
  EXPECT_EQ(*ReadFile(P("out/x/sub/f")), "F");
  EXPECT_EQ(Stat("out/x/sub/f").st_uid, 3u);
  c.dest = "/y/";
  c.unpack = false;
  ASSERT_TRUE(Copy(c).ok());
  EXPECT_TRUE(S_ISREG(Stat("out/y/t.tgz").st_mode));
  c = Step({"t.tgz"}, "/z/");  // COPY never extracts
  ASSERT_TRUE(Copy(c).ok());
  EXPECT_TRUE(S_ISREG(Stat("out/z/t.tgz").st_mode));
}

TEST_F(CopyStepTest, AddUrlChecksFileAndUnpacksOnlyWhenAsked) {
  testing::TinyHttpServer server;
  std::string tgz = *ReadFile(P("ctx/t.tgz"));
  server.Serve("t.tgz", tgz);
  planner::CopyStep c = Step({server.Url("/files/t.tgz")}, "/dl/");
  c.is_add = true;
  c.checksum = "sha256:" + Sha256Hex(tgz);
  ASSERT_TRUE(Copy(c).ok());
  EXPECT_EQ(*ReadFile(P("out/dl/t.tgz")), tgz);
  EXPECT_EQ(Stat("out/dl/t.tgz").st_mode & 07777, 0600u);
  c.dest = "/unpacked";
  c.unpack = true;
  ASSERT_TRUE(Copy(c).ok());
  EXPECT_EQ(*ReadFile(P("out/unpacked/sub/f")), "F");
  c = Step({"a.txt"}, "/a");
  c.is_add = true;
  c.checksum = "sha256:" + Sha256Hex("A");
  EXPECT_EQ(Copy(c).message(),
            "ADD --checksum is only supported for http(s) sources");
}

TEST_F(CopyStepTest, ChmodIsCheckedWhenTheStepRuns) {
  planner::CopyStep c = Step({"a.txt"}, "/a");
  c.chmod = "u+q";
  EXPECT_EQ(
      Copy(c).message(),
      "invalid --chmod \"u+q\": want octal digits or [ugoa][-+=][rwxXst]");
}

TEST_F(CopyStepTest, HeredocSourcesAreFilesNamedForTheirDelimiter) {
  // Into a directory of the image: the file takes the heredoc's name.
  planner::CopyStep c = Step({}, "/app");
  c.inline_sources = {{"conf", "k=v\n"}};
  Status st = Copy(c);
  ASSERT_TRUE(st.ok()) << st.message();
  EXPECT_EQ(*ReadFile(P("out/app/conf")), "k=v\n");
  EXPECT_EQ(Stat("out/app/conf").st_mode & 07777, 0644u);
  EXPECT_EQ(Stat("out/app/conf").st_mtime, 0);
  // With a stage's files and --chmod; a path of its own otherwise.
  c = Step({"/app/new"}, "/mix/");
  c.from_stage = 1;
  c.chmod = "700";
  c.inline_sources = {{"one", "1"}, {"two", ""}};
  ASSERT_TRUE(Copy(c).ok());
  EXPECT_EQ(*ReadFile(P("out/mix/new")), "new");
  EXPECT_EQ(*ReadFile(P("out/mix/one")), "1");
  EXPECT_EQ(*ReadFile(P("out/mix/two")), "");
  EXPECT_EQ(Stat("out/mix/two").st_mode & 07777, 0700u);
  c = Step({}, "/file");
  c.inline_sources = {{"EOF", "x"}};
  ASSERT_TRUE(Copy(c).ok());
  EXPECT_EQ(*ReadFile(P("out/file")), "x");
  // A graph made elsewhere cannot write outside the scratch space.
  c.inline_sources = {{"../../x", "x"}};
  EXPECT_EQ(Copy(c).message(), "heredoc name \"../../x\" cannot name a file");
  EXPECT_FALSE(Exists("x"));
  // Several sources need a directory. (Each step has empty scratch space.)
  ASSERT_EQ(std::system(("rm -rf " + P("scratch") + "/*").c_str()), 0);
  c = Step({"a.txt"}, "/nodir");
  c.inline_sources = {{"EOF", "x"}};
  EXPECT_EQ(Copy(c).message(),
            "When using COPY with more than one source file, the destination "
            "must be a directory and end with a /");
}

}  // namespace
}  // namespace mybuild::executor
