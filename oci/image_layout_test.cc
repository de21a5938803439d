#include "oci/image_layout.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "base/fd.h"
#include "base/temp_dir.h"
#include "base/testing/shell.h"
#include "oci/image_config.h"
#include "oci/layer_writer.h"
#include "oci/media_types.h"
#include "oci/tree_listing.h"
#include "oci/unpack.h"

namespace mybuild::oci {
namespace {

using mybuild::testing::Shell;
using mybuild::testing::Installed;

TarEntry E(std::string path, EntryType type, uint32_t mode = 0644) {
  TarEntry e;
  e.path = std::move(path);
  e.type = type;
  e.mode = type == EntryType::kDir ? 0755 : mode;
  e.mtime = 1600000000;
  return e;
}

// Two layers: a base, then one that deletes, hides and adds.
Status WriteLayers(LayerWriter& base, LayerWriter& top) {
  RETURN_IF_ERROR(base.Add(E("a", EntryType::kDir)));
  RETURN_IF_ERROR(base.AddBytes(E("a/1", EntryType::kFile), "one"));
  RETURN_IF_ERROR(base.AddBytes(E("a/2", EntryType::kFile), "two"));
  RETURN_IF_ERROR(base.AddBytes(E("gone", EntryType::kFile), "g"));
  RETURN_IF_ERROR(base.Add(E("opq", EntryType::kDir)));
  RETURN_IF_ERROR(base.AddBytes(E("opq/old", EntryType::kFile), "old"));
  RETURN_IF_ERROR(top.Add(E("a", EntryType::kDir)));
  RETURN_IF_ERROR(top.AddWhiteout("a/1", E("", EntryType::kFile)));
  TarEntry suid = E("a/3", EntryType::kFile, 04755);
  suid.uid = 1000;
  suid.gid = 100;
  RETURN_IF_ERROR(top.AddBytes(suid, "#!/bin/sh\n"));
  TarEntry link = E("a/l", EntryType::kSymlink, 0777);
  link.link_target = "3";
  RETURN_IF_ERROR(top.Add(link));
  RETURN_IF_ERROR(top.AddWhiteout("gone", E("", EntryType::kFile)));
  RETURN_IF_ERROR(top.Add(E("opq", EntryType::kDir)));
  RETURN_IF_ERROR(top.AddOpaque("opq", E("", EntryType::kFile)));
  return top.AddBytes(E("opq/new", EntryType::kFile), "new");
}

class ImageLayoutTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto d = TempDir::Create();
    ASSERT_TRUE(d.ok());
    dir_ = std::make_unique<TempDir>(std::move(d).value());
    store_ = dir_->path() + "/store";
    ASSERT_TRUE(MakeDirs(store_).ok());
    auto base = LayerWriter::Create(store_ + "/base");
    auto top = LayerWriter::Create(store_ + "/top");
    ASSERT_TRUE(base.ok() && top.ok());
    ASSERT_TRUE(WriteLayers(*base, *top).ok());
    for (auto* w : {&*base, &*top}) {
      auto blob = w->Finish();
      ASSERT_TRUE(blob.ok());
      ASSERT_EQ(::rename(blob->path.c_str(), Stored(blob->digest).c_str()), 0);
      layers_.push_back(*blob);
    }
    ImageConfig c;
    c.architecture = "amd64";
    c.os = "linux";
    c.config.cmd = {"/a/3"};
    for (const auto& l : layers_) c.diff_ids.push_back(l.diff_id);
    std::string config = c.ToJson();
    config_digest_ = Digest::Of(config);
    ASSERT_TRUE(WriteFileAtomic(Stored(config_digest_), config).ok());
    Manifest m;
    m.media_type = std::string(media::kOciManifest);
    m.config = {std::string(media::kOciConfig), config_digest_,
                static_cast<int64_t>(config.size()), {}, {}, {}, ""};
    for (const auto& l : layers_) m.layers.push_back(l.ToDescriptor());
    manifest_ = m.ToJson();
  }
  std::string Stored(const Digest& d) { return store_ + "/" + std::string(d.hex()); }
  BlobLocator Locator() {
    return [this](const Digest& d) -> Expected<std::string> { return Stored(d); };
  }

  std::unique_ptr<TempDir> dir_;
  std::string store_, manifest_;
  std::vector<LayerBlob> layers_;
  Digest config_digest_;
};

TEST_F(ImageLayoutTest, WritesLayout) {
  std::string out = dir_->path() + "/layout";
  auto d = WriteImageLayout(out, manifest_, Locator(), "v1");
  ASSERT_TRUE(d.ok()) << d.status().message();
  EXPECT_EQ(d->digest, Digest::Of(manifest_));
  EXPECT_EQ(*ReadFile(out + "/oci-layout"), R"({"imageLayoutVersion":"1.0.0"})");
  EXPECT_EQ(*ReadFile(out + "/index.json"),
            R"({"manifests":[{"annotations":{"org.opencontainers.image.ref.)"
            R"(name":"v1"},"digest":")" + d->digest.str() +
                R"(","mediaType":"application/vnd.oci.image.manifest.v1+)"
                R"(json","platform":{"architecture":"amd64","os":"linux"},)"
                R"("size":)" + std::to_string(manifest_.size()) +
                R"(}],"mediaType":"application/vnd.oci.image.index.v1+json",)"
                R"("schemaVersion":2})");
  for (const auto& l : layers_) {
    EXPECT_EQ(*ReadFile(out + "/blobs/sha256/" + std::string(l.digest.hex())),
              *ReadFile(Stored(l.digest)));
  }
  EXPECT_EQ(*ReadFile(out + "/blobs/sha256/" + std::string(d->digest.hex())),
            manifest_);
  // Same tag again replaces; another tag adds.
  ASSERT_TRUE(WriteImageLayout(out, manifest_, Locator(), "v1").ok());
  ASSERT_TRUE(WriteImageLayout(out, manifest_, Locator(), "v2").ok());
  auto layout = ImageLayout::Open(out);
  ASSERT_TRUE(layout.ok());
  EXPECT_EQ(layout->index().manifests.size(), 2u);
  EXPECT_EQ(layout->Find("v2")->digest, d->digest);
  EXPECT_EQ(layout->Find("v3").status().message(),
            "no image tagged \"v3\" in layout \"" + out + "\"");
}

TEST_F(ImageLayoutTest, CopiedBlobsAreVerified) {
  auto shm = TempDir::Create("/dev/shm");  // another file system: no link
  if (!shm.ok()) GTEST_SKIP() << "no /dev/shm";
  std::string bad = shm->path() + "/bad";
  ASSERT_TRUE(WriteFileAtomic(bad, "not the layer").ok());
  auto layout = ImageLayout::Open(dir_->path() + "/layout");
  ASSERT_TRUE(layout.ok());
  EXPECT_EQ(layout->AddBlobFile(layers_[0].digest, bad).message(),
            "blob \"" + bad + "\" has digest " + Digest::Of("not the layer").str() +
                ", not " + layers_[0].digest.str());
  EXPECT_FALSE(ReadFile(dir_->path() + "/layout/blobs/sha256/" +
                        std::string(layers_[0].digest.hex()) + ".tmp")
                   .ok());
  std::string good = shm->path() + "/good";
  ASSERT_TRUE(WriteFileAtomic(good, *ReadFile(Stored(layers_[0].digest))).ok());
  EXPECT_TRUE(layout->AddBlobFile(layers_[0].digest, good).ok());
}

TEST_F(ImageLayoutTest, SkopeoReadsIt) {
  if (!Installed("skopeo")) GTEST_SKIP() << "skopeo is not installed";
  std::string out = dir_->path() + "/layout";
  auto d = WriteImageLayout(out, manifest_, Locator(), "v1");
  ASSERT_TRUE(d.ok());
  bool ok = false;
  std::string text = Shell("skopeo inspect oci:" + out + ":v1", &ok);
  ASSERT_TRUE(ok) << text;
  auto j = nlohmann::json::parse(text);
  EXPECT_EQ(j["Digest"], d->digest.str());
  EXPECT_EQ(j["Architecture"], "amd64");
  EXPECT_EQ(j["Os"], "linux");
  EXPECT_EQ(j["Layers"], (std::vector<std::string>{layers_[0].digest.str(),
                                                   layers_[1].digest.str()}));
}

TEST_F(ImageLayoutTest, UmociUnpacksLikeWeDo) {
  if (!Installed("umoci")) GTEST_SKIP() << "umoci is not installed";
  std::string out = dir_->path() + "/layout";
  ASSERT_TRUE(WriteImageLayout(out, manifest_, Locator(), "v1").ok());
  bool ok = false;
  std::string bundle = dir_->path() + "/bundle";
  std::string log = Shell("umoci unpack --image " + out + ":v1 " + bundle + " 2>&1", &ok);
  ASSERT_TRUE(ok) << log;
  std::string ours = dir_->path() + "/ours";
  ASSERT_TRUE(MakeDirs(ours).ok());
  for (const auto& l : layers_) {
    ASSERT_TRUE(UnpackLayer(Stored(l.digest), ours, UnpackMode::kApply).ok());
  }
  auto theirs_tree = ListTree(bundle + "/rootfs");
  auto ours_tree = ListTree(ours);
  ASSERT_TRUE(theirs_tree.ok() && ours_tree.ok());
  EXPECT_EQ(*ours_tree, *theirs_tree);
  EXPECT_EQ(*ours_tree,
            "a d 0755 0:0 1600000000\n"
            "a/2 f 0644 0:0 1600000000 3:3fc4ccfe7458\n"
            "a/3 f 4755 1000:100 1600000000 10:a8076d3d28d2\n"
            "a/l l 0777 0:0 1600000000 -> 3\n"
            "opq d 0755 0:0 1600000000\n"
            "opq/new f 0644 0:0 1600000000 3:11507a0e2f5e\n");
}

}  // namespace
}  // namespace mybuild::oci
