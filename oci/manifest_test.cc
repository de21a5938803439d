#include "oci/manifest.h"

#include <gtest/gtest.h>

#include "oci/media_types.h"

namespace mybuild::oci {
namespace {

const std::string kA =
    "sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
const std::string kB =
    "sha256:bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";

Descriptor Desc(std::string_view type, const std::string& digest, int size) {
  Descriptor d;
  d.media_type = std::string(type);
  d.digest = *Digest::Parse(digest);
  d.size = size;
  return d;
}

TEST(ManifestTest, ExactBytes) {
  Manifest m;
  m.media_type = std::string(media::kOciManifest);
  m.config = Desc(media::kOciConfig, kA, 10);
  m.layers = {Desc(media::kOciLayerGzip, kB, 20)};
  std::string json = m.ToJson();
  EXPECT_EQ(json,
            R"({"config":{"digest":")" + kA +
                R"(","mediaType":"application/vnd.oci.image.config.v1+json",)"
                R"("size":10},"layers":[{"digest":")" + kB +
                R"(","mediaType":"application/vnd.oci.image.layer.v1.tar+)"
                R"(gzip","size":20}],"mediaType":"application/vnd.oci.image.)"
                R"(manifest.v1+json","schemaVersion":2})");
  EXPECT_EQ(Digest::Of(json).str(),
            "sha256:"
            "66214276b52b2193f614387e57813ea9345d6a3a34b544b9f45f0f868e95524e");
  auto back = Manifest::FromJson(json);
  ASSERT_TRUE(back.ok()) << back.status().message();
  EXPECT_EQ(*back, m);
}

TEST(ManifestTest, ParsesDockerSchema2) {
  std::string text = R"({
   "schemaVersion": 2,
   "mediaType": "application/vnd.docker.distribution.manifest.v2+json",
   "config": {"mediaType": "application/vnd.docker.container.image.v1+json",
              "size": 1469, "digest": ")" + kA + R"("},
   "layers": [{"mediaType":
               "application/vnd.docker.image.rootfs.diff.tar.gzip",
               "size": 2479, "digest": ")" + kB + R"("}]})";
  auto m = Manifest::FromJson(text);
  ASSERT_TRUE(m.ok()) << m.status().message();
  EXPECT_EQ(m->media_type, media::kDockerManifest);
  EXPECT_EQ(m->config.size, 1469);
  ASSERT_EQ(m->layers.size(), 1u);
  EXPECT_EQ(m->layers[0].media_type, media::kDockerLayerGzip);
}

TEST(ManifestTest, OciWithoutMediaTypeDefaults) {
  auto m = Manifest::FromJson(R"({"schemaVersion":2,"config":{"mediaType":)"
                              R"("x","size":1,"digest":")" + kA + R"("}})");
  ASSERT_TRUE(m.ok()) << m.status().message();
  EXPECT_EQ(m->media_type, media::kOciManifest);
  EXPECT_TRUE(m->layers.empty());
}

TEST(ManifestTest, Errors) {
  auto msg = [](std::string_view t) {
    return Manifest::FromJson(t).status().message();
  };
  EXPECT_EQ(msg(R"({"schemaVersion":1})"),
            "manifest: schemaVersion 1 is not supported");
  EXPECT_EQ(msg(R"({"config":{}})"),
            "manifest: missing field \"schemaVersion\"");
  EXPECT_EQ(msg(R"({"schemaVersion":2})"), "manifest: missing field \"config\"");
  EXPECT_EQ(msg(R"({"schemaVersion":2,"mediaType":)"
                R"("application/vnd.oci.image.index.v1+json"})"),
            "manifest: media type application/vnd.oci.image.index.v1+json is "
            "an index, not a manifest");
  EXPECT_EQ(msg(R"({"schemaVersion":2,"config":{"mediaType":"x","size":1,)"
                R"("digest":")" + kA + R"("},"layers":[{"size":1}]})"),
            "manifest.layers[0]: missing field \"mediaType\"");
}

TEST(ImageIndexTest, RoundTripsDockerList) {
  ImageIndex x;
  x.media_type = std::string(media::kDockerManifestList);
  Descriptor d = Desc(media::kDockerManifest, kA, 5);
  d.platform = Platform{"linux", "arm", "v7", "", {}};
  x.manifests = {d};
  std::string json = x.ToJson();
  EXPECT_EQ(json,
            R"({"manifests":[{"digest":")" + kA +
                R"(","mediaType":"application/vnd.docker.distribution.)"
                R"(manifest.v2+json","platform":{"architecture":"arm","os":)"
                R"("linux","variant":"v7"},"size":5}],"mediaType":)"
                R"("application/vnd.docker.distribution.manifest.list.v2+)"
                R"(json","schemaVersion":2})");
  auto back = ImageIndex::FromJson(json);
  ASSERT_TRUE(back.ok()) << back.status().message();
  EXPECT_EQ(*back, x);
  EXPECT_EQ(ImageIndex::FromJson(R"({"schemaVersion":2})").status().message(),
            "image index: missing field \"manifests\"");
}

TEST(SniffTest, MediaTypeOrShape) {
  EXPECT_EQ(*SniffManifestType(R"({"mediaType":"a/b"})"), "a/b");
  EXPECT_EQ(*SniffManifestType(R"({"manifests":[]})"), media::kOciIndex);
  EXPECT_EQ(*SniffManifestType(R"({"config":{}})"), media::kOciManifest);
  EXPECT_EQ(SniffManifestType("{}").status().message(),
            "manifest: no mediaType and neither \"manifests\" nor \"config\"");
}

}  // namespace
}  // namespace mybuild::oci
