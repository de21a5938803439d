// What a RUN changes, as a layer: the overlay's upper dir written as a tar
// (deleted files as .wh. entries, a directory made anew as opaque,
// hardlinks as hardlinks, file capabilities kept), then read back by
// Debian's umoci, which must see exactly the tree the step left.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/xattr.h>
#include <unistd.h>

#include <cstdlib>

#include "base/fd.h"
#include "base/temp_dir.h"
#include "cache/store_paths.h"
#include "executor/dockerfile_test_support.h"
#include "oci/layer_reader.h"
#include "oci/manifest.h"

namespace mybuild::executor {
namespace {

using testing::BuildDockerfile;
using testing::RecordingProgress;
using testing::Tree;
using testing::UnpackWithUmoci;

// cap_net_raw+ep, as setcap writes it (VFS_CAP_REVISION_2).
const std::string kCaps(
    "\x01\x00\x00\x02\x00\x20\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00"
    "\x00\x00",
    20);

// "path type [-> link] [xattr names]" for each entry of a layer blob.
std::string Entries(const std::string& blob) {
  auto r = oci::LayerReader::Open(blob);
  if (!r.ok()) return r.status().message();
  std::string out;
  for (;;) {
    auto e = r->Next();
    if (!e.ok()) return out + e.status().message();
    if (!*e) return out;
    const oci::TarEntry& t = **e;
    out += t.path + " " + std::to_string(static_cast<int>(t.type));
    if (!t.link_target.empty()) out += " -> " + t.link_target;
    for (const auto& [name, value] : t.xattrs) out += " " + name;
    out += "\n";
  }
}

class RunLayerUmociTest : public testing::BuildTest {
 protected:
  void SetUp() override {
    SetUpBuild(/*busybox=*/true, /*umoci=*/true);
    if (IsSkipped() || HasFatalFailure()) return;
    // A context file's capabilities do not survive COPY (as in BuildKit),
    // a tar's do under ADD: the capped file comes in a tar.
    ASSERT_TRUE(MakeDirs(P("caps/opt")).ok());
    ASSERT_TRUE(WriteFileAtomic(P("caps/opt/capped"), "elf").ok());
    ASSERT_EQ(::lsetxattr(P("caps/opt/capped").c_str(), "security.capability",
                          kCaps.data(), kCaps.size(), 0),
              0);
    ASSERT_EQ(std::system(("tar --xattrs --xattrs-include=security.capability"
                           " -cf " + P("ctx/capped.tar") + " -C " + P("caps") +
                           " opt/capped").c_str()),
              0);
  }
};

TEST_F(RunLayerUmociTest, UpperDirBecomesTheLayerUmociUnpacks) {
  RecordingProgress progress;
  auto built = BuildDockerfile(
      "FROM scratch\n"
      "COPY rootfs/ /\n"
      "ADD capped.tar /\n"
      "RUN mkdir -p /var/lib/app/old && echo o > /var/lib/app/old/f && "
      "echo k > /var/lib/app/keep && echo g > /gone\n"
      "RUN rm /gone && rm -rf /var/lib/app && mkdir /var/lib/app && "
      "echo n > /var/lib/app/new && echo h > /h1 && ln /h1 /h2 && "
      "touch /opt/capped\n",
      P("ctx"), P("root"), ExecOptions{}, progress);
  ASSERT_TRUE(built.ok()) << built.status().message();
  cache::StorePaths store(P("root"));
  auto manifest =
      oci::Manifest::FromJson(*ReadFile(store.Blob(built->manifest)));
  ASSERT_TRUE(manifest.ok());
  ASSERT_EQ(manifest->layers.size(), 4u);
  // Types: 0 file, 1 dir, 3 hardlink.
  EXPECT_EQ(Entries(testing::StoredLayer(store, manifest->layers[3].digest)),
            ".wh.gone 0\n"
            "h1 0\n"
            "h2 3 -> h1\n"
            "opt 1\n"
            "opt/capped 0 security.capability\n"
            "var 1\n"
            "var/lib 1\n"
            "var/lib/app 1\n"
            "var/lib/app/.wh..wh..opq 0\n"
            "var/lib/app/new 0\n");

  Status st = UnpackWithUmoci(*built, P("root"), P("layout"), P("bundle"));
  ASSERT_TRUE(st.ok()) << st.message();
  const std::string rootfs = P("bundle/rootfs");
  EXPECT_EQ(Tree(rootfs, {"/opt", "/var"}),
            "/opt/capped 644 0:0 3B\n"
            "  security.capability=0100000200200000000000000000000000000000\n"
            "/var/lib 755 0:0 dir\n"
            "/var/lib/app 755 0:0 dir\n"
            "/var/lib/app/new 644 0:0 2B\n");
  struct stat h1, h2, gone;
  ASSERT_EQ(::lstat((rootfs + "/h1").c_str(), &h1), 0);
  ASSERT_EQ(::lstat((rootfs + "/h2").c_str(), &h2), 0);
  EXPECT_EQ(h1.st_ino, h2.st_ino);
  EXPECT_EQ(h1.st_nlink, 2u);
  EXPECT_NE(::lstat((rootfs + "/gone").c_str(), &gone), 0);
}

}  // namespace
}  // namespace mybuild::executor
