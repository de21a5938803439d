#include "oci/digest.h"

#include <gtest/gtest.h>

namespace mybuild::oci {
namespace {

constexpr char kEmptySha[] =
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

TEST(DigestTest, OfHashesBytes) {
  EXPECT_EQ(Digest::Of("").str(), std::string("sha256:") + kEmptySha);
  EXPECT_EQ(Digest::Of("").hex(), kEmptySha);
}

TEST(DigestTest, ParseAcceptsCanonicalForm) {
  auto d = Digest::Parse(std::string("sha256:") + kEmptySha);
  ASSERT_TRUE(d.ok()) << d.status().message();
  EXPECT_EQ(*d, Digest::Of(""));
  auto h = Digest::FromHex(kEmptySha);
  ASSERT_TRUE(h.ok());
  EXPECT_EQ(*h, *d);
}

TEST(DigestTest, ParseRejectsWithReason) {
  EXPECT_EQ(Digest::Parse("sha256:abc").status().message(),
            "invalid digest \"sha256:abc\": sha256 needs 64 lower-case hex "
            "digits");
  EXPECT_EQ(Digest::Parse("abc").status().message(),
            "invalid digest \"abc\": missing algorithm prefix");
  EXPECT_EQ(Digest::Parse("md5:abc").status().message(),
            "invalid digest \"md5:abc\": unsupported algorithm \"md5\"");
  std::string upper = std::string("sha256:") + kEmptySha;
  upper[7] = 'E';
  EXPECT_EQ(Digest::Parse(upper).status().code(),
            ErrorCode::kInvalidArgument);
}

TEST(DigestTest, EmptyDigest) {
  Digest d;
  EXPECT_TRUE(d.empty());
  EXPECT_EQ(d.hex(), "");
  EXPECT_LT(d, Digest::Of(""));
}

}  // namespace
}  // namespace mybuild::oci
