// ApplyEpoch on layers of every entry kind: the rewritten layer is the one
// the build writes with SOURCE_DATE_EPOCH, byte for byte; base layers and
// history are kept; an image with nothing later than the epoch is kept.
#include "export/timestamp_rewrite.h"

#include <gtest/gtest.h>

#include <functional>

#include "base/fd.h"
#include "base/temp_dir.h"
#include "cache/blob_store.h"
#include "oci/image_config.h"
#include "oci/layer_reader.h"
#include "oci/layer_writer.h"
#include "oci/media_types.h"

namespace mybuild::exporter {
namespace {

constexpr int64_t kEpoch = 1700000000;
constexpr int64_t kLater = 1800000000;

EpochRewrite Opts(bool layers, size_t base) {
  EpochRewrite o;
  o.epoch = kEpoch;
  o.layers = layers;
  o.base_layers = base;
  o.base_history = base;
  return o;
}

class TimestampRewriteTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto t = TempDir::Create();
    ASSERT_TRUE(t.ok());
    tmp_ = std::make_unique<TempDir>(std::move(*t));
    store_ = std::make_unique<cache::StorePaths>(tmp_->path() + "/root");
    auto b = cache::BlobStore::Open(*store_);
    ASSERT_TRUE(b.ok()) << b.status().message();
    blobs_ = std::make_unique<cache::BlobStore>(std::move(*b));
  }

  // A layer of every kind of entry, each with mtime `t`, committed to the store.
  oci::LayerBlob Layer(int64_t t, const std::string& content = "hello\n", int gzip_level = 6) {
    std::string path = *blobs_->NewTempPath();
    auto w = oci::LayerWriter::Create(path, {.gzip_level = gzip_level});
    EXPECT_TRUE(w.ok());
    // An entry with mtime `t`.
    auto at = [&](const std::string& p, oci::EntryType type, uint32_t mode,
                  const std::string& target = "") {
      oci::TarEntry e;
      e.path = p;
      e.type = type;
      e.mode = mode;
      e.mtime = t;
      e.link_target = target;
      return e;
    };
    using oci::EntryType;
    oci::TarEntry dir = at("d", EntryType::kDir, 0750);
    dir.uid = 1;
    dir.gid = 2;
    oci::TarEntry file = at("d/f", EntryType::kFile, 04755);
    file.size = static_cast<int64_t>(content.size());
    file.xattrs["user.k"] = "v";
    oci::TarEntry old = at("old", EntryType::kFile, 0644);
    old.size = 1;
    EXPECT_TRUE(w->Add(dir).ok());
    EXPECT_TRUE(w->AddBytes(file, content).ok());
    EXPECT_TRUE(w->Add(at("d/h", EntryType::kHardlink, 0755, "d/f")).ok());
    EXPECT_TRUE(w->Add(at("d/s", EntryType::kSymlink, 0777, "../x")).ok());
    EXPECT_TRUE(w->AddWhiteout("d/gone", at("", EntryType::kFile, 0644)).ok());
    EXPECT_TRUE(w->AddOpaque("d", dir).ok());
    EXPECT_TRUE(w->AddBytes(old, "o").ok());
    auto blob = w->Finish();
    EXPECT_TRUE(blob.ok());
    EXPECT_TRUE(blobs_->Commit(path, blob->digest).ok());
    return *blob;
  }

  static oci::Descriptor Describe(const std::string& type, const oci::Digest& d, int64_t size) {
    oci::Descriptor out;
    out.media_type = type;
    out.digest = d;
    out.size = size;
    return out;
  }

  StoredImage Image(const std::vector<oci::LayerBlob>& layers,
                    const std::vector<std::string>& history) {
    oci::ImageConfig c;
    c.created = history.back();
    c.architecture = "amd64";
    c.os = "linux";
    oci::Manifest m;
    m.media_type = std::string(oci::media::kOciManifest);
    for (const oci::LayerBlob& l : layers) {
      c.diff_ids.push_back(l.diff_id);
      m.layers.push_back(Describe(l.media_type, l.digest, l.size));
    }
    for (const std::string& h : history) {
      oci::HistoryEntry e;
      e.created = h;
      e.created_by = "x";
      c.history.push_back(e);
    }
    std::string config = c.ToJson();
    m.config = Describe(std::string(oci::media::kOciConfig), *blobs_->Put(config),
                        static_cast<int64_t>(config.size()));
    StoredImage image;
    image.manifest_json = m.ToJson();
    image.digest = *blobs_->Put(image.manifest_json);
    image.manifest = m;
    return image;
  }

  oci::ImageConfig Config(const StoredImage& image) {
    return *oci::ImageConfig::FromJson(*ReadFile(store_->Blob(image.manifest.config.digest)));
  }

  std::unique_ptr<TempDir> tmp_;
  std::unique_ptr<cache::StorePaths> store_;
  std::unique_ptr<cache::BlobStore> blobs_;
};

TEST_F(TimestampRewriteTest, ALayerComesOutAsTheBuildWritesItWithTheEpoch) {
  oci::LayerBlob base = Layer(kLater, "base!\n");
  oci::LayerBlob late = Layer(kLater);
  oci::LayerBlob clamped = Layer(kEpoch);  // what SOURCE_DATE_EPOCH makes
  ASSERT_NE(late.digest, clamped.digest);
  StoredImage image =
      Image({base, late}, {"2027-01-15T08:00:00Z", "2027-01-15T08:00:01.5+01:00"});
  auto out = ApplyEpoch(*store_, image, Opts(true, 1));
  ASSERT_TRUE(out.ok()) << out.status().message();
  ASSERT_EQ(out->manifest.layers.size(), 2u);
  EXPECT_EQ(out->manifest.layers[0], image.manifest.layers[0]);  // the base, untouched
  EXPECT_EQ(out->manifest.layers[1].digest, clamped.digest);
  EXPECT_EQ(out->manifest.layers[1].size, clamped.size);
  oci::ImageConfig c = Config(*out);
  EXPECT_EQ(c.diff_ids, (std::vector<oci::Digest>{base.diff_id, clamped.diff_id}));
  EXPECT_EQ(c.created, "2023-11-14T22:13:20Z");
  EXPECT_EQ(c.history[0].created, "2027-01-15T08:00:00Z");  // the base's
  EXPECT_EQ(c.history[1].created, "2023-11-14T22:13:20Z");
  // The second export reuses the remembered rewrite.
  auto again = ApplyEpoch(*store_, image, Opts(true, 1));
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->digest, out->digest);
  // Without rewrite-timestamp only the times change.
  auto times = ApplyEpoch(*store_, image, Opts(false, 1));
  ASSERT_TRUE(times.ok());
  EXPECT_EQ(times->manifest.layers, image.manifest.layers);
  EXPECT_EQ(Config(*times).created, "2023-11-14T22:13:20Z");
}

// The build's own layers are plain tars: rewritten, they stay plain tars
// (their type still true), byte for byte what SOURCE_DATE_EPOCH makes.
TEST_F(TimestampRewriteTest, APlainTarLayerStaysAPlainTar) {
  oci::LayerBlob late = Layer(kLater, "hello\n", 0);
  oci::LayerBlob clamped = Layer(kEpoch, "hello\n", 0);
  ASSERT_EQ(late.media_type, std::string(oci::media::kOciLayer));
  StoredImage image = Image({late}, {"2027-01-15T08:00:00Z"});
  auto out = ApplyEpoch(*store_, image, Opts(true, 0));
  ASSERT_TRUE(out.ok()) << out.status().message();
  ASSERT_EQ(out->manifest.layers.size(), 1u);
  EXPECT_EQ(out->manifest.layers[0].media_type, std::string(oci::media::kOciLayer));
  EXPECT_EQ(out->manifest.layers[0].digest, clamped.digest);
  EXPECT_EQ(Config(*out).diff_ids, (std::vector<oci::Digest>{clamped.diff_id}));
}

TEST_F(TimestampRewriteTest, NothingLaterThanTheEpochKeepsTheImage) {
  oci::LayerBlob early = Layer(kEpoch - 100);
  StoredImage image = Image({early}, {"2020-01-01T00:00:00Z"});
  auto out = ApplyEpoch(*store_, image, Opts(true, 0));
  ASSERT_TRUE(out.ok()) << out.status().message();
  EXPECT_EQ(out->digest, image.digest);
  EXPECT_EQ(out->manifest_json, image.manifest_json);
}

}  // namespace
}  // namespace mybuild::exporter
