#include "oci/unpack.h"

#include <archive.h>
#include <archive_entry.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include "base/fd.h"
#include "base/sha256.h"
#include "base/temp_dir.h"
#include "base/testing/user_namespace.h"
#include "oci/layer_writer.h"
#include "oci/tree_listing.h"

namespace mybuild::oci {
namespace {

// A tar entry with any name at all, for crafting hostile layers.
struct Raw {
  std::string name;
  mode_t type = AE_IFREG;
  std::string link;  // symlink target; for hardlinks use `hardlink`
  std::string content;
  bool hardlink = false;
  dev_t rdev = 0;  // for AE_IFCHR and AE_IFBLK
};

enum class Filter { kGzip, kZstd, kNone };

void WriteRawTar(const std::string& path, const std::vector<Raw>& entries,
                 Filter filter = Filter::kGzip) {
  archive* a = archive_write_new();
  archive_write_set_format_pax_restricted(a);
  if (filter == Filter::kGzip) archive_write_add_filter_gzip(a);
  if (filter == Filter::kZstd) {
    ASSERT_EQ(archive_write_add_filter_zstd(a), ARCHIVE_OK);
  }
  ASSERT_EQ(archive_write_open_filename(a, path.c_str()), ARCHIVE_OK);
  for (const Raw& r : entries) {
    archive_entry* e = archive_entry_new();
    archive_entry_set_pathname(e, r.name.c_str());
    archive_entry_set_filetype(e, r.type);
    archive_entry_set_perm(e, r.type == AE_IFDIR ? 0755 : 0644);
    archive_entry_set_mtime(e, 1500000000, 0);
    archive_entry_set_size(e, r.content.size());
    if (r.hardlink) archive_entry_set_hardlink(e, r.link.c_str());
    if (r.type == AE_IFLNK) archive_entry_set_symlink(e, r.link.c_str());
    if (r.rdev) archive_entry_set_rdev(e, r.rdev);
    ASSERT_EQ(archive_write_header(a, e), ARCHIVE_OK);
    archive_write_data(a, r.content.data(), r.content.size());
    archive_entry_free(e);
  }
  archive_write_close(a);
  archive_write_free(a);
}

class UnpackTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto d = TempDir::Create();
    ASSERT_TRUE(d.ok());
    dir_ = std::make_unique<TempDir>(std::move(d).value());
    root_ = dir_->path() + "/root";
    outside_ = dir_->path() + "/outside";
    ASSERT_TRUE(MakeDirs(root_).ok());
    ASSERT_TRUE(MakeDirs(outside_).ok());
    ASSERT_TRUE(WriteFileAtomic(outside_ + "/secret", "keep me").ok());
  }
  // Unpacks `entries` in `mode`; the error message, or "ok".
  std::string Unpack(const std::vector<Raw>& entries,
                     UnpackMode mode = UnpackMode::kApply) {
    std::string layer = dir_->path() + "/layer.tar.gz";
    WriteRawTar(layer, entries);
    Status st = UnpackLayer(layer, root_, mode);
    return st.ok() ? "ok" : st.message();
  }
  std::string Tree(const std::string& d) {
    auto t = ListTree(d, /*dir_mtimes=*/false);
    return t.ok() ? *t : t.status().message();
  }
  std::unique_ptr<TempDir> dir_;
  std::string root_, outside_;
};

// A ListTree line for a file this test's tars write.
std::string F(const std::string& path, const std::string& content) {
  return path + " f 0644 0:0 1500000000 " + std::to_string(content.size()) +
         ":" + Sha256Hex(content).substr(0, 12) + "\n";
}
std::string D(const std::string& path) { return path + " d 0755 0:0\n"; }

Raw Dir(std::string name) { return {std::move(name), AE_IFDIR, "", "", false}; }
Raw File(std::string name, std::string content) {
  return {std::move(name), AE_IFREG, "", std::move(content), false};
}
Raw Link(std::string name, std::string target) {
  return {std::move(name), AE_IFLNK, std::move(target), "", false};
}
Raw Hard(std::string name, std::string target) {
  return {std::move(name), AE_IFREG, std::move(target), "", true};
}

TEST_F(UnpackTest, ApplyWhiteoutsAndOpaqueDirs) {
  ASSERT_EQ(Unpack({Dir("a"), File("a/1", "one"), File("a/2", "two"),
                    Dir("gone"), File("gone/file", "g"), Dir("opq"),
                    File("opq/old1", "o"), Dir("opq/sub"),
                    File("opq/sub/old2", "o"), Dir("keep"),
                    File("keep/x", "x"), Link("link", "a")}),
            "ok");
  ASSERT_EQ(Unpack({File(".wh.gone", ""), File("a/.wh.1", ""),
                    File("a/3", "three"), Dir("opq"),
                    File("opq/.wh..wh..opq", ""), File("opq/new", "new"),
                    File("keep", "now a file"), File(".wh.nothing", ""),
                    File("nope/.wh.x", "")}),
            "ok");
  EXPECT_EQ(Tree(root_), D("a") + F("a/2", "two") + F("a/3", "three") +
                             F("keep", "now a file") +
                             "link l 0777 0:0 1500000000 -> a\n" + D("opq") +
                             F("opq/new", "new"));
}

TEST_F(UnpackTest, OpaqueKeepsWhatTheSameLayerWroteFirst) {
  ASSERT_EQ(Unpack({Dir("d"), File("d/old", "o")}), "ok");
  ASSERT_EQ(Unpack({Dir("d"), File("d/new", "n"), Dir("d/sub"),
                    File("d/sub/f", "f"), File("d/.wh..wh..opq", "")}),
            "ok");
  EXPECT_EQ(Tree(root_), D("d") + F("d/new", "n") + D("d/sub") +
                             F("d/sub/f", "f"));
}

TEST_F(UnpackTest, OverlayLowerKeepsMarkers) {
  ASSERT_EQ(Unpack({Dir("d"), File("d/.wh..wh..opq", ""),
                    File("d/.wh.x", ""), File("a/b", "b")},
                   UnpackMode::kOverlayLower),
            "ok");
  EXPECT_EQ(Tree(root_),
            D("a") + F("a/b", "b") +
                "d d 0755 0:0 xattr trusted.overlay.opaque=y\n"
                "d/x c 0644 0:0 1500000000 0:0\n");
}

TEST_F(UnpackTest, AbsoluteNamesLandInside) {
  ASSERT_EQ(Unpack({File("/abs/file", "a"), File("./dot", "d")}), "ok");
  EXPECT_EQ(Tree(root_), "abs d 0755 0:0\n" + F("abs/file", "a") + F("dot", "d"));
}

TEST_F(UnpackTest, RefusesEscapes) {
  std::string before = Tree(outside_);
  EXPECT_EQ(Unpack({File("../evil", "x")}),
            "layer entry \"../evil\": path escapes the target");
  EXPECT_EQ(Unpack({File("a/../../evil", "x")}, UnpackMode::kOverlayLower),
            "layer entry \"a/../../evil\": path escapes the target");
  EXPECT_EQ(Unpack({Link("l", "../../outside")}),
            "layer entry \"l\": symlink target \"../../outside\" escapes the "
            "target");
  EXPECT_EQ(Unpack({Hard("h", "../outside/secret")}),
            "layer entry \"h\": hardlink target \"../outside/secret\" escapes "
            "the target");
  // An absolute symlink is fine, but it means root_ + target, so a write
  // through it cannot reach the real directory.
  EXPECT_EQ(Unpack({Link("abs", outside_), File("abs/secret", "pwned")}),
            "layer entry \"abs/secret\": open \"/abs\": No such file or "
            "directory");
  EXPECT_EQ(Unpack({Hard("h", "abs/secret")}),
            "layer entry \"h\": open \"/abs\": No such file or directory");
  EXPECT_EQ(Tree(outside_), before);
  EXPECT_FALSE(ReadFile(dir_->path() + "/evil").ok());
}

TEST_F(UnpackTest, SymlinksAlreadyOnDiskStayInside) {
  std::string before = Tree(outside_);
  ASSERT_EQ(::symlink("../outside", (root_ + "/rel").c_str()), 0);
  ASSERT_EQ(::symlink(outside_.c_str(), (root_ + "/abs").c_str()), 0);
  EXPECT_EQ(Unpack({File("rel/secret", "pwned")}),
            "layer entry \"rel/secret\": open \"/rel\": No such file or "
            "directory");
  EXPECT_EQ(Unpack({Hard("h", "rel/secret")}),
            "layer entry \"h\": open \"/rel\": No such file or directory");
  EXPECT_EQ(Unpack({File(".wh.secret", ""), File("abs/.wh.secret", "")}),
            "ok");
  // An entry named like a symlink replaces it instead of writing through.
  EXPECT_EQ(Unpack({File("abs", "file now")}), "ok");
  EXPECT_EQ(*ReadFile(root_ + "/abs"), "file now");
  EXPECT_EQ(Tree(outside_), before);
}

// A file replaces an older file without writing through its other hard
// links, and content longer than the copy buffer arrives whole.
TEST_F(UnpackTest, FilesReplaceOlderFilesAndTheirLinksKeepTheirContent) {
  std::string big(3 * (1 << 20) + 17, 'x');
  for (size_t i = 0; i < big.size(); i += 4093) big[i] = char('a' + i % 26);
  ASSERT_EQ(Unpack({File("f", "old"), Hard("g", "f")}), "ok");
  ASSERT_EQ(Unpack({File("f", big)}), "ok");
  EXPECT_EQ(*ReadFile(root_ + "/f"), big);
  EXPECT_EQ(Tree(root_), F("f", big) + F("g", "old"));
}

TEST_F(UnpackTest, ReadsZstdAndPlainTar) {
  for (Filter f : {Filter::kZstd, Filter::kNone}) {
    std::string layer = dir_->path() + "/layer";
    WriteRawTar(layer, {File("z", "zstd or plain")}, f);
    ASSERT_TRUE(UnpackLayer(layer, root_, UnpackMode::kApply).ok());
    EXPECT_EQ(Tree(root_), F("z", "zstd or plain"));
  }
}

TEST_F(UnpackTest, LimitsNameTheLayerAndEntry) {
  std::string layer = dir_->path() + "/layer.tar.gz";
  WriteRawTar(layer, {File("a", "1"), File("b", "2"), File("c", "3")});
  TarLimits small;
  small.max_entries = 2;
  EXPECT_EQ(UnpackLayer(layer, root_, UnpackMode::kApply, small).message(),
            "layer \"" + layer + "\": entry 3: more than 2 entries");
  WriteRawTar(layer, {File("z", std::string(1 << 16, '\0'))});
  small.max_bytes = 4096;
  EXPECT_EQ(UnpackLayer(layer, root_, UnpackMode::kApply, small).message(),
            "layer \"" + layer +
                "\": entry 1: archive expands to more than 4096 bytes");
  std::string deep;
  for (int i = 0; i < 1025; ++i) deep += "d/";
  WriteRawTar(layer, {File(deep + "f", "x")});
  EXPECT_EQ(UnpackLayer(layer, root_, UnpackMode::kApply).message(),
            "layer \"" + layer +
                "\": entry 1: path has 1026 components, more than 1024");
}

TEST_F(UnpackTest, OnlyADirectoryNamesTheRoot) {
  EXPECT_EQ(Unpack({Dir("./"), File("f", "x")}), "ok");
  for (const char* name : {".", "./", "/"}) {
    std::string layer = dir_->path() + "/layer.tar.gz";
    WriteRawTar(layer, {Link(name, "/etc")});
    EXPECT_EQ(UnpackLayer(layer, root_, UnpackMode::kApply).message(),
              "layer \"" + layer + "\": entry 1 \"" + name +
                  "\": only a directory can name the root");
  }
}

TEST_F(UnpackTest, MissingLayer) {
  EXPECT_EQ(UnpackLayer(dir_->path() + "/none", root_, UnpackMode::kApply)
                .message(),
            "open \"" + dir_->path() + "/none\": No such file or directory");
}

// Without CAP_MKNOD (in a user namespace, where a rootless build unpacks)
// a layer's device nodes are left out of the tree, as Docker and podman do
// there; the rest of the layer unpacks.
TEST_F(UnpackTest, DeviceNodesAreLeftOutWithoutCapMknod) {
  if (::geteuid() != 0) GTEST_SKIP() << "needs root (to own the tree in the namespace)";
  std::string layer = dir_->path() + "/dev.tar.gz";
  WriteRawTar(layer, {Dir("dev"), {"dev/null", AE_IFCHR, "", "", false, makedev(1, 3)},
                      {"dev/sda", AE_IFBLK, "", "", false, makedev(8, 0)},
                      File("dev/kept", "k")});
  EXPECT_EQ(mybuild::testing::RunInUserNamespace(
                [&] { return UnpackLayer(layer, root_, UnpackMode::kApply).ok(); }),
            "ok");
  EXPECT_EQ(Tree(root_), D("dev") + F("dev/kept", "k"));
  // As root, the same layer makes both nodes.
  ASSERT_EQ(Unpack({Dir("dev"), {"dev/null", AE_IFCHR, "", "", false, makedev(1, 3)}}), "ok");
  struct stat st;
  ASSERT_EQ(::lstat((root_ + "/dev/null").c_str(), &st), 0);
  EXPECT_TRUE(S_ISCHR(st.st_mode));
}

}  // namespace
}  // namespace mybuild::oci
