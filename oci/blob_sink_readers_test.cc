// A layer large enough to be gzipped in several blocks on several threads,
// read back by every reader our users have: gzip(1) (zlib), our unpacker
// (libarchive), umoci and skopeo (Go's compress/gzip).
#include <gtest/gtest.h>

#include <algorithm>

#include "base/fd.h"
#include "base/sha256.h"
#include "base/temp_dir.h"
#include "base/testing/shell.h"
#include "oci/image_config.h"
#include "oci/image_layout.h"
#include "oci/layer_writer.h"
#include "oci/manifest.h"
#include "oci/media_types.h"
#include "oci/tree_listing.h"
#include "oci/unpack.h"

namespace mybuild::oci {
namespace {

using mybuild::testing::Shell;
using mybuild::testing::Installed;

TarEntry E(std::string path, EntryType type) {
  TarEntry e;
  e.path = std::move(path);
  e.type = type;
  e.mode = type == EntryType::kDir ? 0755 : 0644;
  e.mtime = 1600000000;
  return e;
}

std::string Noise() {
  std::string noise;
  uint32_t x = 11;
  while (noise.size() < 3000000) {
    x = x * 1103515245u + 12345u;
    noise.push_back(static_cast<char>(x >> 23));
  }
  return noise;
}

// 3 MB of noise and 2,000 small text files: about 5.5 blocks.
Status WriteLayer(LayerWriter& w) {
  std::string noise = Noise();
  RETURN_IF_ERROR(w.Add(E("ctx", EntryType::kDir)));
  RETURN_IF_ERROR(w.AddBytes(E("ctx/big.bin", EntryType::kFile), noise));
  for (int i = 0; i < 2000; ++i) {
    std::string text;
    for (int line = 0; line < 20 + i % 30; ++line) {
      text += "// file " + std::to_string(i) + " line " + std::to_string(line) +
              "\n";
    }
    RETURN_IF_ERROR(w.AddBytes(
        E("ctx/f" + std::to_string(i) + ".c", EntryType::kFile), text));
  }
  return Status::Ok();
}

class ReadersTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto d = TempDir::Create();
    ASSERT_TRUE(d.ok());
    dir_ = std::make_unique<TempDir>(std::move(d).value());
    auto w = LayerWriter::Create(dir_->path() + "/layer");
    ASSERT_TRUE(w.ok());
    ASSERT_TRUE(WriteLayer(*w).ok());
    auto blob = w->Finish();
    ASSERT_TRUE(blob.ok());
    layer_ = *blob;
    ASSERT_GT(layer_.tar_size, 5 << 20);
    ours_ = dir_->path() + "/ours";
    ASSERT_TRUE(MakeDirs(ours_).ok());
    ASSERT_TRUE(UnpackLayer(layer_.path, ours_, UnpackMode::kApply).ok());
  }

  // An OCI layout at `out` holding the one-layer image as "v1".
  void WriteLayout(const std::string& out) {
    ImageConfig c;
    c.architecture = "amd64";
    c.os = "linux";
    c.diff_ids = {layer_.diff_id};
    std::string config = c.ToJson();
    auto layout = ImageLayout::Open(out);
    ASSERT_TRUE(layout.ok());
    auto config_digest = layout->AddBlob(config);
    ASSERT_TRUE(config_digest.ok());
    ASSERT_TRUE(layout->AddBlobFile(layer_.digest, layer_.path).ok());
    Manifest m;
    m.media_type = std::string(media::kOciManifest);
    m.config = {std::string(media::kOciConfig),
                *config_digest,
                static_cast<int64_t>(config.size()),
                {},
                {},
                {},
                ""};
    m.layers = {layer_.ToDescriptor()};
    ASSERT_TRUE(
        layout->AddManifest(m.ToJson(), media::kOciManifest, "v1", std::nullopt)
            .ok());
    ASSERT_TRUE(layout->Commit().ok());
  }

  std::unique_ptr<TempDir> dir_;
  LayerBlob layer_;
  std::string ours_;
};

TEST_F(ReadersTest, GzipAndLibarchive) {
  bool ok = false;
  std::string tar = Shell("gzip -dc " + layer_.path, &ok);
  ASSERT_TRUE(ok);
  EXPECT_EQ("sha256:" + Sha256Hex(tar), layer_.diff_id.str());
  EXPECT_EQ(*ReadFile(ours_ + "/ctx/big.bin"), Noise());
  std::string text;
  for (int line = 0; line < 39; ++line) {
    text += "// file 1999 line " + std::to_string(line) + "\n";
  }
  EXPECT_EQ(*ReadFile(ours_ + "/ctx/f1999.c"), text);
  auto tree = ListTree(ours_);
  ASSERT_TRUE(tree.ok());
  EXPECT_EQ(std::count(tree->begin(), tree->end(), '\n'), 2002);
}

TEST_F(ReadersTest, UmociUnpacksLikeWeDo) {
  if (!Installed("umoci")) GTEST_SKIP() << "umoci is not installed";
  std::string out = dir_->path() + "/layout", bundle = dir_->path() + "/bundle";
  ASSERT_NO_FATAL_FAILURE(WriteLayout(out));
  bool ok = false;
  std::string log =
      Shell("umoci unpack --image " + out + ":v1 " + bundle + " 2>&1", &ok);
  ASSERT_TRUE(ok) << log;
  auto theirs = ListTree(bundle + "/rootfs/ctx");
  auto ours = ListTree(ours_ + "/ctx");
  ASSERT_TRUE(theirs.ok() && ours.ok());
  EXPECT_EQ(*theirs, *ours);
}

TEST_F(ReadersTest, SkopeoDecompressesToTheDiffId) {
  if (!Installed("skopeo")) GTEST_SKIP() << "skopeo is not installed";
  std::string out = dir_->path() + "/layout", copy = dir_->path() + "/copy";
  ASSERT_NO_FATAL_FAILURE(WriteLayout(out));
  bool ok = false;
  std::string log = Shell("skopeo copy -q --dest-decompress oci:" + out +
                              ":v1 dir:" + copy + " 2>&1",
                          &ok);
  ASSERT_TRUE(ok) << log;
  auto tar = Sha256File(copy + "/" + std::string(layer_.diff_id.hex()));
  ASSERT_TRUE(tar.ok()) << tar.status().message();
  EXPECT_EQ("sha256:" + *tar, layer_.diff_id.str());
}

}  // namespace
}  // namespace mybuild::oci
