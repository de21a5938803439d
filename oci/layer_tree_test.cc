#include "oci/layer_tree.h"

#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/un.h>
#include <sys/xattr.h>

#include <gtest/gtest.h>

#include <deque>

#include "base/fd.h"
#include "base/temp_dir.h"
#include "oci/layer_reader.h"
#include "oci/tree_listing.h"
#include "oci/unpack.h"

namespace mybuild::oci {
namespace {

// CAP_NET_RAW, permitted + effective (vfs_cap_data revision 2).
const std::string kCap("\x01\x00\x00\x02\x00\x20\x00\x00\x00\x00\x00\x00"
                       "\x00\x00\x00\x00\x00\x00\x00\x00", 20);

void Check(int rc, const char* what) { ASSERT_EQ(rc, 0) << what << ": " << strerror(errno); }

void SetTimes(const std::string& r);

// An overlay upper dir with one of everything, fixed owners and mtimes.
void MakeUpper(const std::string& r) {
  std::deque<std::string> keep;
  auto p = [&](const char* rel) {
    keep.push_back(r + "/" + rel);
    return keep.back().c_str();
  };
  for (const char* d : {"bin", "dev", "etc", "run", "var", "var/cache"}) {
    Check(::mkdir(p(d), 0755), d);
  }
  ASSERT_TRUE(WriteFileAtomic(p("etc/passwd"), "root:x:0:0::/root:/bin/sh\n").ok());
  ASSERT_TRUE(WriteFileAtomic(p("etc/shadow"), "root:*::0:::::\n", 0640).ok());
  Check(::chown(p("etc/shadow"), 0, 42), "chown shadow");
  ASSERT_TRUE(WriteFileAtomic(p("bin/ping"), std::string(300000, 'p')).ok());
  Check(::chown(p("bin/ping"), 0, 0), "chown ping");
  Check(::chmod(p("bin/ping"), 04755), "chmod ping");
  Check(::setxattr(p("bin/ping"), "security.capability", kCap.data(), kCap.size(), 0), "setcap");
  Check(::link(p("bin/ping"), p("bin/ping6")), "link");
  Check(::symlink("busybox", p("bin/sh")), "symlink");
  Check(::lchown(p("bin/sh"), 1000, 1000), "lchown");
  Check(::mkfifo(p("run/fifo"), 0600), "mkfifo");
  Check(::mknod(p("dev/null"), S_IFCHR, makedev(1, 3)), "mknod null");
  Check(::chmod(p("dev/null"), 0666), "chmod null");
  Check(::mknod(p("etc/old"), S_IFCHR, makedev(0, 0)), "whiteout");
  Check(::setxattr(p("var/cache"), "trusted.overlay.opaque", "y", 1, 0), "opaque");
  Check(::setxattr(p("var/cache"), "trusted.overlay.origin", "z", 1, 0), "origin");
  Check(::setxattr(p("var/cache"), "user.keep", "me", 2, 0), "user xattr");
  ASSERT_TRUE(WriteFileAtomic(p("var/cache/new"), "n").ok());
  int s = ::socket(AF_UNIX, SOCK_STREAM, 0);
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  std::string sock = p("run/sock");
  ASSERT_LT(sock.size(), sizeof(addr.sun_path));
  strcpy(addr.sun_path, sock.c_str());
  Check(::bind(s, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)), "bind");
  ::close(s);
  SetTimes(r);
}

// mtimes last, children before parents.
void SetTimes(const std::string& r) {
  std::deque<std::string> keep;
  auto p = [&](const char* rel) {
    keep.push_back(r + "/" + rel);
    return keep.back().c_str();
  };
  timespec ts[2] = {{1600000000, 0}, {1600000000, 0}};
  for (const char* e : {"etc/passwd", "etc/shadow", "bin/ping", "bin/sh",
                        "run/fifo", "run/sock", "dev/null", "etc/old",
                        "var/cache/new", "var/cache", "bin", "dev", "etc",
                        "run", "var"}) {
    if (::utimensat(AT_FDCWD, p(e), ts, AT_SYMLINK_NOFOLLOW) != 0) {
      ASSERT_EQ(errno, ENOENT) << e;  // the socket, once removed
    }
  }
}

std::string Entries(const std::string& layer) {
  auto r = LayerReader::Open(layer);
  if (!r.ok()) return r.status().message();
  std::string out;
  while (true) {
    auto e = r->Next();
    if (!e.ok()) return out + e.status().message();
    if (!*e) return out;
    const TarEntry& t = **e;
    char line[256];
    snprintf(line, sizeof(line), "%s %d %04o %u:%u %lld %lld %s%s\n",
             t.path.c_str(), static_cast<int>(t.type), t.mode, t.uid, t.gid,
             static_cast<long long>(t.mtime), static_cast<long long>(t.size),
             t.link_target.c_str(), t.xattrs.empty() ? "" : " +xattrs");
    out += line;
  }
}

TEST(LayerTreeTest, WritesUpperDirAsOciLayer) {
  auto dir = TempDir::Create();
  ASSERT_TRUE(dir.ok());
  std::string upper = dir->path() + "/upper";
  Check(::mkdir(upper.c_str(), 0755), "mkdir");
  ASSERT_NO_FATAL_FAILURE(MakeUpper(upper));
  Digest first;
  for (const char* name : {"/a.tar.gz", "/b.tar.gz"}) {
    auto w = LayerWriter::Create(dir->path() + name);
    ASSERT_TRUE(w.ok());
    ASSERT_TRUE(AddTree(*w, upper).ok());
    auto blob = w->Finish();
    ASSERT_TRUE(blob.ok()) << blob.status().message();
    if (first.empty()) first = blob->digest;
    EXPECT_EQ(blob->digest, first);
    EXPECT_EQ(blob->diff_id.str(), "sha256:94a0de3e91dc223db0bedb0a05427db0c6a8ce92008829011f1c8e2cec70472d");
  }
  // Types: 0 file, 1 dir, 2 symlink, 3 hardlink, 4 char, 6 fifo.
  EXPECT_EQ(Entries(dir->path() + "/a.tar.gz"),
            "bin 1 0755 0:0 1600000000 0 \n"
            "bin/ping 0 4755 0:0 1600000000 300000  +xattrs\n"
            "bin/ping6 3 4755 0:0 1600000000 0 bin/ping\n"
            "bin/sh 2 0777 1000:1000 1600000000 0 busybox\n"
            "dev 1 0755 0:0 1600000000 0 \n"
            "dev/null 4 0666 0:0 1600000000 0 \n"
            "etc 1 0755 0:0 1600000000 0 \n"
            "etc/.wh.old 0 0000 0:0 1600000000 0 \n"
            "etc/passwd 0 0644 0:0 1600000000 26 \n"
            "etc/shadow 0 0640 0:42 1600000000 15 \n"
            "run 1 0755 0:0 1600000000 0 \n"
            "run/fifo 6 0600 0:0 1600000000 0 \n"
            "var 1 0755 0:0 1600000000 0 \n"
            "var/cache 1 0755 0:0 1600000000 0 \n"
            "var/cache/.wh..wh..opq 0 0755 0:0 1600000000 0 \n"
            "var/cache/new 0 0644 0:0 1600000000 1 \n");
}

TEST(LayerTreeTest, OverlayLowerRoundTrip) {
  auto dir = TempDir::Create();
  ASSERT_TRUE(dir.ok());
  std::string upper = dir->path() + "/upper", lower = dir->path() + "/lower";
  Check(::mkdir(upper.c_str(), 0755), "mkdir");
  Check(::mkdir(lower.c_str(), 0755), "mkdir");
  ASSERT_NO_FATAL_FAILURE(MakeUpper(upper));
  auto w = LayerWriter::Create(dir->path() + "/l.tar.gz");
  ASSERT_TRUE(w.ok());
  ASSERT_TRUE(AddTree(*w, upper).ok());
  ASSERT_TRUE(w->Finish().ok());
  Status st = UnpackLayer(dir->path() + "/l.tar.gz", lower,
                          UnpackMode::kOverlayLower);
  ASSERT_TRUE(st.ok()) << st.message();
  // What a layer cannot carry: sockets, overlay's private xattrs and, as
  // in BuildKit's layers, any xattr but file capabilities.
  Check(::unlink((upper + "/run/sock").c_str()), "unlink sock");
  Check(::removexattr((upper + "/var/cache").c_str(), "trusted.overlay.origin"),
        "removexattr");
  Check(::removexattr((upper + "/var/cache").c_str(), "user.keep"),
        "removexattr");
  SetTimes(upper);
  auto want = ListTree(upper);
  auto got = ListTree(lower);
  ASSERT_TRUE(want.ok() && got.ok());
  EXPECT_EQ(*got, *want);
  EXPECT_NE(got->find("etc/old c 0000 0:0 1600000000 0:0\n"), std::string::npos);
  EXPECT_NE(got->find("var/cache d 0755 0:0 1600000000 xattr trusted.overlay.opaque=y\n"), std::string::npos) << *got;
}

TEST(LayerTreeTest, NamesAreBytesNotText) {
  // UTF-8, Latin-1 (not UTF-8) and a name too long for a ustar header.
  auto dir = TempDir::Create();
  ASSERT_TRUE(dir.ok());
  std::string src = dir->path() + "/src", dst = dir->path() + "/dst";
  ASSERT_TRUE(MakeDirs(src).ok());
  ASSERT_TRUE(MakeDirs(dst).ok());
  std::string long_name(200, 'x');
  for (const std::string& name :
       {std::string("caf\xc3\xa9"), std::string("lat\xe9"), long_name}) {
    ASSERT_TRUE(WriteFileAtomic(src + "/" + name, name).ok());
  }
  ASSERT_EQ(::symlink("caf\xc3\xa9", (src + "/l\xe9").c_str()), 0);
  auto w = LayerWriter::Create(dir->path() + "/l.tar");
  ASSERT_TRUE(w.ok());
  ASSERT_TRUE(AddTree(*w, src).ok());
  ASSERT_TRUE(w->Finish().ok());
  Status st = UnpackLayer(dir->path() + "/l.tar", dst, UnpackMode::kApply);
  ASSERT_TRUE(st.ok()) << st.message();
  EXPECT_EQ(*ListTree(dst), *ListTree(src));
  EXPECT_EQ(*ReadFile(dst + "/lat\xe9"), "lat\xe9");
}

}  // namespace
}  // namespace mybuild::oci
