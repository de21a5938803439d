#include "oci/media_types.h"

#include <gtest/gtest.h>

namespace mybuild::oci {
namespace {

TEST(MediaTypesTest, Classification) {
  EXPECT_TRUE(media::IsManifest(media::kDockerManifest));
  EXPECT_TRUE(media::IsIndex(media::kDockerManifestList));
  EXPECT_FALSE(media::IsIndex(media::kOciManifest));
  EXPECT_EQ(media::LayerCompression(media::kDockerForeignLayer),
            media::Compression::kGzip);
  EXPECT_EQ(media::LayerCompression(media::kOciLayerZstd),
            media::Compression::kZstd);
  EXPECT_EQ(media::LayerCompression(media::kOciLayer),
            media::Compression::kNone);
  EXPECT_FALSE(media::IsLayer(media::kOciConfig));
}

}  // namespace
}  // namespace mybuild::oci
