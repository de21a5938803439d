#include "remote_cache/cache_records.h"

#include <gtest/gtest.h>

namespace mybuild::remote_cache {
namespace {

oci::Digest D(char c) { return *oci::Digest::FromHex(std::string(64, c)); }

CacheRecord Record() {
  return {std::string(64, 'a'),
          "",
          "",
          "2026-01-01T00:00:00Z",
          {{D('1'), D('2'), 10, "application/vnd.oci.image.layer.v1.tar+gzip"}},
          "",
          {}};
}

TEST(CacheRecordsTest, JsonIsPinnedAndRoundTrips) {
  std::vector<CacheRecord> records{Record()};
  std::string json = RecordsToJson(records);
  EXPECT_EQ(
      json,
      "{\"mediaType\":\"application/"
      "vnd.mybuild.cache.config.v1+json\",\"records\":[{"
      "\"below\":\"\",\"created\":\"2026-01-01T00:00:00Z\",\"key\":\"" +
          std::string(64, 'a') +
          "\",\"layers\":[{\"diff_id\":\"sha256:" + std::string(64, '2') +
          "\",\"digest\":\"sha256:" + std::string(64, '1') +
          "\",\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\","
          "\"size\":10}],\"parent\":\"\"}],\"v\":1}");
  auto back = RecordsFromJson(json);
  ASSERT_TRUE(back.ok()) << back.status().message();
  EXPECT_EQ(RecordsToJson(*back), json);
}

TEST(CacheRecordsTest, SlotAndSealedInputsTravelForExplain) {
  CacheRecord r = Record();
  r.slot = "build/2";
  r.inputs = {{"parent", "sha256:" + std::string(64, 'f')},
              {"file \xff.txt", "100644 ab"}};
  std::string json = RecordsToJson({r});
  EXPECT_NE(json.find("\"inputs\":[[\"parent\",\"sha256:"), std::string::npos)
      << json;
  EXPECT_NE(json.find("\"slot\":\"build/2\""), std::string::npos) << json;
  auto back = RecordsFromJson(json);
  ASSERT_TRUE(back.ok()) << back.status().message();
  EXPECT_EQ((*back)[0].slot, "build/2");
  ASSERT_EQ((*back)[0].inputs.size(), 2u);
  EXPECT_EQ((*back)[0].inputs[0], r.inputs[0]);
  EXPECT_EQ((*back)[0].inputs[1].name,
            "file \xef\xbf\xbd.txt");  // U+FFFD, as inputs/ keeps it
}

TEST(CacheRecordsTest, BadRecordsAreRefused) {
  EXPECT_EQ(RecordsFromJson("{").status().message().rfind("cache config: ", 0),
            0u);
  std::string wrong_key = RecordsToJson({Record()});
  wrong_key.replace(wrong_key.find(std::string(64, 'a')), 64, "zz");
  EXPECT_EQ(RecordsFromJson(wrong_key).status().message(),
            "cache config: record key \"zz\" is not 64 hex digits");
}

TEST(CacheRecordsTest, ManifestListsEveryLayerOnceAndVerifies) {
  CacheRecord a = Record(), b = Record();
  b.key = std::string(64, 'b');
  b.parent = a.key;
  oci::Descriptor config = Describe(kCacheConfigType, D('c'), 5);
  std::string manifest = CacheManifestJson(config, {a, b});
  EXPECT_EQ(manifest.find("sha256:" + std::string(64, '1')),
            manifest.rfind("sha256:" + std::string(64, '1')));
  auto ok = VerifyRecords(manifest, {a, b});
  ASSERT_TRUE(ok.ok()) << ok.status().message();
  EXPECT_EQ(ok->size(), 2u);
  CacheRecord stray = b;
  stray.layers[0].size = 11;  // not the size the manifest lists
  EXPECT_EQ(VerifyRecords(manifest, {a, stray}).status().message(),
            "record " + b.key + " names blob sha256:" + std::string(64, '1') +
                " that the manifest does not list");
}

TEST(CacheRecordsTest, IndexListsTheLayersThenTheConfigAndVerifies) {
  CacheRecord a = Record(), b = Record();
  b.key = std::string(64, 'b');
  b.layers.push_back({D('5'), D('6'), 20, "application/vnd.oci.image.layer.v1.tar"});
  oci::Descriptor config = Describe(kCacheConfigType, D('c'), 5);
  std::string index = CacheIndexJson(config, {a, b});
  std::string h1 = "sha256:" + std::string(64, '1'), h5 = "sha256:" + std::string(64, '5'),
              hc = "sha256:" + std::string(64, 'c');
  EXPECT_EQ(index,
            "{\"manifests\":[{\"digest\":\"" + h1 +
                "\",\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\",\"size\":10},"
                "{\"digest\":\"" + h5 +
                "\",\"mediaType\":\"application/vnd.oci.image.layer.v1.tar\",\"size\":20},"
                "{\"digest\":\"" + hc +
                "\",\"mediaType\":\"application/vnd.mybuild.cache.config.v1+json\",\"size\":5}],"
                "\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"schemaVersion\":2}");
  auto listing = ReadCacheListing(index);
  ASSERT_TRUE(listing.ok()) << listing.status().message();
  EXPECT_EQ(listing->config, config);
  EXPECT_EQ(listing->blobs.size(), 2u);
  EXPECT_TRUE(VerifyRecords(index, {a, b}).ok());
  // The manifest form reads the same.
  auto same = ReadCacheListing(CacheManifestJson(config, {a, b}));
  ASSERT_TRUE(same.ok()) << same.status().message();
  EXPECT_EQ(same->config, config);
  EXPECT_EQ(same->blobs, listing->blobs);
  CacheRecord stray = Record();
  stray.layers[0].digest = D('7');
  EXPECT_EQ(VerifyRecords(index, {stray}).status().message(),
            "record " + stray.key + " names blob sha256:" + std::string(64, '7') +
                " that the manifest does not list");
  std::string no_config = CacheIndexJson(Describe("application/json", D('c'), 5), {a});
  EXPECT_EQ(ReadCacheListing(no_config).status().message(),
            "cache index: lists no application/vnd.mybuild.cache.config.v1+json");
}

TEST(CacheRecordsTest, CacheMountsRoundTripAndMustBeListed) {
  CacheMountRecord m{
      std::string(64, 'e'),
      {D('3'), D('4'), 7, "application/vnd.oci.image.layer.v1.tar+gzip"}};
  std::string json = RecordsToJson({Record()}, {m});
  EXPECT_NE(json.find("\"cache_mounts\":[{\"id\":\"" + m.id + "\",\"layer\":{"),
            std::string::npos)
      << json;
  EXPECT_EQ(RecordsToJson({Record()}).find("cache_mounts"), std::string::npos);
  auto back = MountsFromJson(json);
  ASSERT_TRUE(back.ok()) << back.status().message();
  ASSERT_EQ(back->size(), 1u);
  EXPECT_EQ((*back)[0].layer.digest, D('3'));
  oci::Descriptor config = Describe(kCacheConfigType, D('c'), 5);
  EXPECT_TRUE(
      VerifyRecords(CacheManifestJson(config, {Record()}, {m}), {Record()}, {m})
          .ok());
  EXPECT_EQ(
      VerifyRecords(CacheManifestJson(config, {Record()}), {Record()}, {m})
          .status()
          .message(),
      "cache mount " + m.id + " names blob sha256:" + std::string(64, '3') +
          " that the manifest does not list");
}

}  // namespace
}  // namespace mybuild::remote_cache
