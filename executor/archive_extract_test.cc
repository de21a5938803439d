#include "executor/archive_extract.h"

#include <archive.h>
#include <archive_entry.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>

#include "base/fd.h"
#include "base/temp_dir.h"

namespace mybuild::executor {
namespace {

struct Entry {
  std::string name;
  mode_t type;  // AE_IFREG, AE_IFDIR, AE_IFLNK; hardlink when `hardlink` set
  std::string data = "";  // file content or symlink target
  std::string hardlink = "";
  mode_t perm = 0644;
};

// Writes a tar of `entries` through `filter` (e.g.
// archive_write_add_filter_xz).
void WriteTar(const std::string& path, int (*filter)(struct archive*),
              const std::vector<Entry>& entries) {
  struct archive* a = archive_write_new();
  archive_write_set_format_pax_restricted(a);
  if (filter) filter(a);
  ASSERT_EQ(archive_write_open_filename(a, path.c_str()), ARCHIVE_OK);
  for (const Entry& e : entries) {
    struct archive_entry* ae = archive_entry_new();
    archive_entry_set_pathname(ae, e.name.c_str());
    archive_entry_set_filetype(ae, e.type);
    archive_entry_set_perm(ae, e.perm);
    archive_entry_set_uid(ae, 5);
    archive_entry_set_gid(ae, 6);
    archive_entry_set_mtime(ae, 1000, 0);
    if (!e.hardlink.empty()) archive_entry_set_hardlink(ae, e.hardlink.c_str());
    if (e.type == AE_IFLNK) archive_entry_set_symlink(ae, e.data.c_str());
    if (e.type == AE_IFREG && e.hardlink.empty())
      archive_entry_set_size(ae, e.data.size());
    archive_write_header(a, ae);
    if (e.type == AE_IFREG && e.hardlink.empty())
      archive_write_data(a, e.data.data(), e.data.size());
    archive_entry_free(ae);
  }
  archive_write_close(a);
  archive_write_free(a);
}

class ArchiveExtractTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto d = TempDir::Create();
    ASSERT_TRUE(d.ok());
    dir_ = std::make_unique<TempDir>(std::move(*d));
    ASSERT_TRUE(MakeDirs(P("dest")).ok());
    ASSERT_TRUE(MakeDirs(P("outside")).ok());
  }
  std::string P(const std::string& p) { return dir_->path() + "/" + p; }
  struct stat Stat(const std::string& p) {
    struct stat st = {};
    EXPECT_EQ(::lstat(P(p).c_str(), &st), 0) << p;
    return st;
  }
  std::unique_ptr<TempDir> dir_;
};

TEST_F(ArchiveExtractTest, EveryCompressionExtractsTheSameTree) {
  const std::vector<Entry> tree = {{"d/", AE_IFDIR, "", "", 0750},
                                   {"d/f", AE_IFREG, "data", "", 0640},
                                   {"d/l", AE_IFLNK, "f"},
                                   {"d/h", AE_IFREG, "", "d/f"}};
  struct Kind {
    const char* name;
    int (*filter)(struct archive*);
  };
  for (Kind k :
       {Kind{"plain", nullptr}, Kind{"gzip", archive_write_add_filter_gzip},
        Kind{"bzip2", archive_write_add_filter_bzip2},
        Kind{"xz", archive_write_add_filter_xz},
        Kind{"zstd", archive_write_add_filter_zstd}}) {
    SCOPED_TRACE(k.name);
    std::string tar = P(std::string("a.") + k.name);
    WriteTar(tar, k.filter, tree);
    EXPECT_TRUE(IsArchive(tar));
    std::string out = std::string("x-") + k.name;
    ASSERT_TRUE(MakeDirs(P(out)).ok());
    Status st = ExtractArchive(tar, P(out), std::nullopt, std::nullopt);
    ASSERT_TRUE(st.ok()) << st.message();
    EXPECT_EQ(*ReadFile(P(out + "/d/f")), "data");
    EXPECT_EQ(Stat(out + "/d/f").st_mode & 07777, 0640u);
    EXPECT_EQ(Stat(out + "/d/f").st_uid, 5u);
    EXPECT_EQ(Stat(out + "/d/f").st_gid, 6u);
    EXPECT_EQ(Stat(out + "/d/f").st_mtime, 1000);
    EXPECT_EQ(Stat(out + "/d").st_mode & 07777, 0750u);
    EXPECT_EQ(Stat(out + "/d").st_mtime, 1000);
    EXPECT_TRUE(S_ISLNK(Stat(out + "/d/l").st_mode));
    EXPECT_EQ(Stat(out + "/d/h").st_ino, Stat(out + "/d/f").st_ino);
  }
}

TEST_F(ArchiveExtractTest, ChownReplacesTheArchivesOwners) {
  WriteTar(P("a.tar"), nullptr, {{"f", AE_IFREG, "x"}});
  ASSERT_TRUE(ExtractArchive(P("a.tar"), P("dest"), 1000, 1001).ok());
  EXPECT_EQ(Stat("dest/f").st_uid, 1000u);
  EXPECT_EQ(Stat("dest/f").st_gid, 1001u);
}

TEST_F(ArchiveExtractTest, NotArchives) {
  ASSERT_TRUE(WriteFileAtomic(P("text"), "just text\n").ok());
  EXPECT_FALSE(IsArchive(P("text")));
  ASSERT_TRUE(WriteFileAtomic(P("empty"), "").ok());
  EXPECT_FALSE(IsArchive(P("empty")));
  EXPECT_FALSE(IsArchive(P("missing")));
}

TEST_F(ArchiveExtractTest, HostileEntriesStayInsideOrAreRefused) {
  WriteTar(P("tricks.tar"), archive_write_add_filter_gzip,
           {{"/abs/x", AE_IFREG, "abs"},
            {"up", AE_IFLNK, "/"},
            {"up/tmp/through-abs-link", AE_IFREG, "1"},
            {"rel", AE_IFLNK, "../../outside"},
            {"rel/through-rel-link", AE_IFREG, "2"}});
  Status st =
      ExtractArchive(P("tricks.tar"), P("dest"), std::nullopt, std::nullopt);
  ASSERT_TRUE(st.ok()) << st.message();
  EXPECT_EQ(*ReadFile(P("dest/abs/x")), "abs");
  EXPECT_EQ(*ReadFile(P("dest/tmp/through-abs-link")), "1");
  EXPECT_EQ(*ReadFile(P("dest/outside/through-rel-link")), "2");
  EXPECT_TRUE(std::filesystem::is_empty(P("outside")));

  WriteTar(P("climb.tar"), nullptr, {{"../outside/evil", AE_IFREG, "x"}});
  EXPECT_EQ(
      ExtractArchive(P("climb.tar"), P("dest"), std::nullopt, std::nullopt)
          .message(),
      "archive entry \"../outside/evil\": path escapes the destination");
  WriteTar(P("link.tar"), nullptr, {{"h", AE_IFREG, "", "../outside/secret"}});
  EXPECT_EQ(
      ExtractArchive(P("link.tar"), P("dest"), std::nullopt, std::nullopt)
          .message(),
      "archive entry \"../outside/secret\": path escapes the destination");
  EXPECT_TRUE(std::filesystem::is_empty(P("outside")));
}

TEST_F(ArchiveExtractTest, LaterEntriesReplaceLinksAndNodesNotWriteThrough) {
  ASSERT_TRUE(WriteFileAtomic(P("outside/target"), "host\n").ok());
  WriteTar(P("swap.tar"), nullptr,
           {{"out", AE_IFLNK, P("outside/target")},
            {"out", AE_IFREG, "replaced"},
            {"node", AE_IFCHR},
            {"node", AE_IFREG, "file now"},
            {"rel", AE_IFLNK, "../outside/target"},
            {"h", AE_IFREG, "", "rel"}});
  Status st =
      ExtractArchive(P("swap.tar"), P("dest"), std::nullopt, std::nullopt);
  // The hardlink's target resolves inside dest, where nothing is there.
  EXPECT_EQ(st.message(),
            "archive entry \"h\": hardlink to \"rel\": open \"/rel\": No such "
            "file or directory");
  EXPECT_EQ(*ReadFile(P("dest/out")), "replaced");
  EXPECT_TRUE(S_ISREG(Stat("dest/out").st_mode));
  EXPECT_EQ(*ReadFile(P("dest/node")), "file now");
  EXPECT_EQ(*ReadFile(P("outside/target")), "host\n");
  EXPECT_EQ(Stat("outside/target").st_nlink, 1u);
}

}  // namespace
}  // namespace mybuild::executor
