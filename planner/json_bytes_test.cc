#include "planner/json_bytes.h"

#include <gtest/gtest.h>

namespace mybuild::planner {
namespace {

TEST(JsonBytesTest, Utf8StaysAString) {
  EXPECT_TRUE(IsUtf8("plain/ü/€.txt"));
  EXPECT_EQ(BytesJson("plain/ü.txt").dump(), "\"plain/ü.txt\"");
  EXPECT_EQ(BytesJson(std::vector<std::string>{"a", "b"}).dump(), "[\"a\",\"b\"]");
  EXPECT_EQ(ShownText("ü.txt"), "ü.txt");
}

TEST(JsonBytesTest, OtherBytesBecomeHexThatNoStringEncodesTo) {
  EXPECT_FALSE(IsUtf8("\xff\xfe.bin"));
  EXPECT_FALSE(IsUtf8("\xed\xa0\x80"));  // a surrogate
  EXPECT_FALSE(IsUtf8("\xc0\xaf"));      // overlong
  EXPECT_EQ(BytesJson("\xff\xfe.bin").dump(), R"({"bytes":"fffe2e62696e"})");
  EXPECT_EQ(BytesJson(std::vector<std::string>{"a", "\xff"}).dump(),
            R"(["a",{"bytes":"ff"}])");
  EXPECT_EQ(ShownText("\xff\xfe.bin"), R"("\xff\xfe.bin")");
}

}  // namespace
}  // namespace mybuild::planner
