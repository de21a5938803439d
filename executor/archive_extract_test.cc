#include "executor/archive_extract.h"

#include <archive.h>
#include <archive_entry.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>

#include <sys/xattr.h>

#include "base/fd.h"
#include "base/temp_dir.h"
#include "base/testing/user_namespace.h"
#include "oci/layer_reader.h"
#include "oci/layer_tree.h"

namespace mybuild::executor {
namespace {

struct Entry {
  std::string name;
  mode_t type;  // AE_IFREG, AE_IFDIR, AE_IFLNK; hardlink when `hardlink` set
  std::string data = "";  // file content or symlink target
  std::string hardlink = "";
  mode_t perm = 0644;
  dev_t rdev = 0;  // AE_IFCHR, AE_IFBLK
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
    if (e.rdev) archive_entry_set_rdev(ae, e.rdev);
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
      "ADD climb.tar: entry 1 \"../outside/evil\": path escapes the "
      "destination");
  WriteTar(P("link.tar"), nullptr, {{"h", AE_IFREG, "", "../outside/secret"}});
  EXPECT_EQ(
      ExtractArchive(P("link.tar"), P("dest"), std::nullopt, std::nullopt)
          .message(),
      "ADD link.tar: entry 1 \"h\": hardlink target \"../outside/secret\" "
      "escapes the destination");
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
            "ADD swap.tar: entry 6 \"h\": hardlink to \"rel\": open \"/rel\": "
            "No such file or directory");
  EXPECT_EQ(*ReadFile(P("dest/out")), "replaced");
  EXPECT_TRUE(S_ISREG(Stat("dest/out").st_mode));
  EXPECT_EQ(*ReadFile(P("dest/node")), "file now");
  EXPECT_EQ(*ReadFile(P("outside/target")), "host\n");
  EXPECT_EQ(Stat("outside/target").st_nlink, 1u);
}

// One raw ustar header block for `name` of `size` bytes and type `flag`.
std::string Header(const std::string& name, size_t size, char flag) {
  std::string h(512, '\0');
  auto put = [&h](size_t at, const std::string& v) {
    h.replace(at, v.size(), v);
  };
  char num[16];
  std::snprintf(num, sizeof num, "%011zo", size);
  put(0, name);
  put(100, "0000644");
  put(108, "0000000");
  put(116, "0000000");
  put(124, num);
  put(136, "00000000000");
  h[156] = flag;
  put(257, std::string("ustar\0" "00", 8));
  put(148, "        ");
  unsigned sum = 0;
  for (unsigned char c : h) sum += c;
  std::snprintf(num, sizeof num, "%06o", sum);
  put(148, num);
  h[155] = ' ';
  return h;
}

std::string Padded(std::string s) {
  s.resize((s.size() + 511) / 512 * 512, '\0');
  return s;
}

// A tar whose one file "f" carries the PAX record "key=value".
std::string PaxTar(const std::string& key, const std::string& value) {
  std::string body = " " + key + "=" + value + "\n";
  size_t n = body.size() + 1;
  while (std::to_string(n).size() + body.size() != n) {
    n = std::to_string(n).size() + body.size();
  }
  std::string pax = std::to_string(n) + body;
  return Header("PaxHeader/f", pax.size(), 'x') + Padded(pax) +
         Header("f", 2, '0') + Padded("hi") + std::string(1024, '\0');
}

std::string Extract(const std::string& tar, const std::string& dest,
                    const oci::TarLimits& limits = {}) {
  ExtractOptions o;
  o.limits = limits;
  Status st = ExtractArchive(tar, dest, o);
  return st.ok() ? "ok" : st.message();
}

TEST_F(ArchiveExtractTest, LimitsOnEntriesPathsAndExpansion) {
  oci::TarLimits small;
  small.max_entries = 3;
  small.max_path_bytes = 10;
  small.max_depth = 2;
  small.max_bytes = 4096;
  WriteTar(
      P("many.tar"), nullptr,
      {{"a", AE_IFREG}, {"b", AE_IFREG}, {"c", AE_IFREG}, {"d", AE_IFREG}});
  EXPECT_EQ(Extract(P("many.tar"), P("dest"), small),
            "ADD many.tar: entry 4: more than 3 entries");
  WriteTar(P("long.tar"), nullptr, {{"12345678901", AE_IFREG}});
  EXPECT_EQ(Extract(P("long.tar"), P("dest"), small),
            "ADD long.tar: entry 1: path is 11 bytes, more than 10");
  WriteTar(P("link.tar"), nullptr, {{"l", AE_IFLNK, "12345678901"}});
  EXPECT_EQ(Extract(P("link.tar"), P("dest"), small),
            "ADD link.tar: entry 1: link target is 11 bytes, more than 10");
  WriteTar(P("deep.tar"), nullptr, {{"./a/b/./c", AE_IFREG}});
  EXPECT_EQ(Extract(P("deep.tar"), P("dest"), small),
            "ADD deep.tar: entry 1: path has 3 components, more than 2");
  // 64 KiB of zeros, gzip'd to well under 4096 bytes.
  WriteTar(P("bomb.tar.gz"), archive_write_add_filter_gzip,
           {{"z", AE_IFREG, std::string(65536, '\0')}});
  EXPECT_EQ(
      Extract(P("bomb.tar.gz"), P("dest"), small),
      "ADD bomb.tar.gz: entry 1: archive expands to more than 4096 bytes");
  small.max_bytes = 0;
  small.ratio_floor = 8192;
  small.max_ratio = 10;
  std::string shown = Extract(P("bomb.tar.gz"), P("dest"), small);
  EXPECT_TRUE(shown.starts_with(
      "ADD bomb.tar.gz: entry 1: archive expands to more than 10 times its "))
      << shown;
}

TEST_F(ArchiveExtractTest, DefaultLimitsOnPathsAndPaxHeaders) {
  std::string deep;
  for (int i = 0; i < 1025; ++i) deep += "d/";
  WriteTar(P("deep.tar"), nullptr, {{deep + "f", AE_IFREG}});
  EXPECT_EQ(Extract(P("deep.tar"), P("dest")),
            "ADD deep.tar: entry 1: path has 1026 components, more than 1024");
  WriteTar(P("long.tar"), nullptr, {{std::string(4097, 'n'), AE_IFREG}});
  EXPECT_EQ(Extract(P("long.tar"), P("dest")),
            "ADD long.tar: entry 1: path is 4097 bytes, more than 4096");
  // A PAX header of exactly 1 MiB is read; one byte more is refused.
  for (size_t total : {oci::kMaxPaxHeaderBytes, oci::kMaxPaxHeaderBytes + 1}) {
    // One record: "1048576 comment=<value>\n" (7 digits, space, '=', '\n').
    const std::string tar =
        PaxTar("comment", std::string(total - 7 - 1 - 8 - 1, 'c'));
    ASSERT_EQ(std::stoul(tar.substr(124, 11), nullptr, 8), total);
    ASSERT_TRUE(WriteFileAtomic(P("pax.tar"), tar).ok());
    EXPECT_EQ(Extract(P("pax.tar"), P("dest")),
              total == oci::kMaxPaxHeaderBytes
                  ? "ok"
                  : "ADD pax.tar: entry 1: Special header too large");
  }
}

TEST_F(ArchiveExtractTest, RefusesNulInPaxPaths) {
  // libarchive alone reads "safe\0../x" as "safe".
  ASSERT_TRUE(WriteFileAtomic(P("nul.tar"), PaxTar("path", std::string("safe\0../x", 9))).ok());
  std::string got = Extract(P("nul.tar"), P("dest"));
  EXPECT_NE(got.find("entry 1: PAX path holds a NUL byte"), std::string::npos) << got;
  EXPECT_NE(::access(P("dest/safe").c_str(), F_OK), 0);
  ASSERT_TRUE(WriteFileAtomic(P("link.tar"), PaxTar("linkpath", std::string("a\0b", 3))).ok());
  got = Extract(P("link.tar"), P("dest"));
  EXPECT_NE(got.find("entry 1: PAX linkpath holds a NUL byte"), std::string::npos) << got;
}

TEST_F(ArchiveExtractTest, RefusesWhiteoutNames) {
  for (const char* name : {".wh.passwd", "etc/.wh..wh..opq", ".wh.d/f"}) {
    WriteTar(P("wh.tar"), nullptr, {{"ok", AE_IFREG}, {name, AE_IFREG}});
    EXPECT_EQ(Extract(P("wh.tar"), P("dest")),
              std::string("ADD wh.tar: entry 2 \"") + name +
                  "\": \".wh.\" names are whiteouts, refused in ADD");
  }
}

TEST_F(ArchiveExtractTest, RefusesAnythingButADirectoryAtTheRoot) {
  for (const char* name : {".", "./", "/"}) {
    WriteTar(P("root.tar"), nullptr,
             {{name, AE_IFDIR}, {name, AE_IFLNK, "/etc"}});
    EXPECT_EQ(Extract(P("root.tar"), P("dest")),
              std::string("ADD root.tar: entry 2 \"") + name +
                  "\": only a directory can name the root");
  }
  EXPECT_TRUE(S_ISDIR(Stat("dest").st_mode));
}

TEST_F(ArchiveExtractTest, KeepsFileCapabilities) {
  // VFS_CAP_REVISION_2, effective, cap_net_bind_service permitted.
  const std::string cap = std::string("\x01\x00\x00\x02\x00\x04\x00\x00", 8) +
                          std::string(12, '\0');
  ASSERT_TRUE(WriteFileAtomic(P("cap.tar"),
                              PaxTar("SCHILY.xattr.security.capability", cap))
                  .ok());
  ASSERT_EQ(Extract(P("cap.tar"), P("dest")), "ok");
  char got[64];
  ssize_t n = ::lgetxattr(P("dest/f").c_str(), "security.capability", got,
                          sizeof got);
  ASSERT_EQ(n, 20);
  EXPECT_EQ(std::string(got, n), cap);
  // The layer made from the extracted tree carries the same bytes.
  auto w = oci::LayerWriter::Create(P("layer.tar"), {.gzip_level = 0});
  ASSERT_TRUE(w.ok());
  ASSERT_TRUE(oci::AddTree(*w, P("dest")).ok());
  ASSERT_TRUE(w->Finish().ok());
  auto r = oci::LayerReader::Open(P("layer.tar"));
  ASSERT_TRUE(r.ok());
  auto e = r->Next();
  ASSERT_TRUE(e.ok() && *e);
  EXPECT_EQ((*e)->path, "f");
  EXPECT_EQ((*e)->xattrs.at("security.capability"), cap);
}

// ADD in a rootless build's user namespace (no CAP_MKNOD): the archive's
// device nodes are left out, the rest is extracted; as root both are made.
TEST_F(ArchiveExtractTest, DeviceNodesAreLeftOutWithoutCapMknod) {
  if (::geteuid() != 0) GTEST_SKIP() << "needs root (to own the tree in the namespace)";
  WriteTar(P("dev.tar"), nullptr,
           {{"dev", AE_IFDIR, "", "", 0755},
            {"dev/null", AE_IFCHR, "", "", 0666, makedev(1, 3)},
            {"dev/sda", AE_IFBLK, "", "", 0660, makedev(8, 0)},
            {"dev/kept", AE_IFREG, "k"}});
  // Owned by 0:0: the archive's 5:6 has no uid in this namespace's map.
  EXPECT_EQ(mybuild::testing::RunInUserNamespace([&] {
              Status st = ExtractArchive(P("dev.tar"), P("dest"), 0, 0);
              if (!st.ok()) std::fprintf(stderr, "%s\n", st.message().c_str());
              return st.ok();
            }),
            "ok");
  EXPECT_EQ(*ReadFile(P("dest/dev/kept")), "k");
  struct stat st;
  EXPECT_NE(::lstat(P("dest/dev/null").c_str(), &st), 0);
  EXPECT_NE(::lstat(P("dest/dev/sda").c_str(), &st), 0);
  ASSERT_TRUE(MakeDirs(P("root-dest")).ok());
  ASSERT_TRUE(ExtractArchive(P("dev.tar"), P("root-dest"), std::nullopt, std::nullopt).ok());
  EXPECT_TRUE(S_ISCHR(Stat("root-dest/dev/null").st_mode));
  EXPECT_EQ(Stat("root-dest/dev/sda").st_rdev, makedev(8, 0));
}

}  // namespace
}  // namespace mybuild::executor
