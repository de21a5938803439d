#include "oci/xattrs.h"

#include <fcntl.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include "base/fd.h"
#include "base/temp_dir.h"

namespace mybuild::oci {
namespace {

TEST(XattrsTest, SetAndReadBack) {
  auto dir = TempDir::Create();
  ASSERT_TRUE(dir.ok());
  ASSERT_TRUE(WriteFileAtomic(dir->path() + "/f", "x").ok());
  auto d = OpenFile(dir->path(), O_RDONLY | O_DIRECTORY);
  ASSERT_TRUE(d.ok());
  // trusted.* needs root, which these tests have; a NUL byte survives.
  std::string bin("a\0b", 3);
  ASSERT_TRUE(SetXattrAt(d->get(), "f", "trusted.t", bin, "f").ok());
  ASSERT_TRUE(SetXattrAt(d->get(), "f", "user.u", "v", "f").ok());
  auto x = ReadXattrsAt(d->get(), "f", "f");
  ASSERT_TRUE(x.ok()) << x.status().message();
  EXPECT_EQ(*x, (Xattrs{{"trusted.t", bin}, {"user.u", "v"}}));
  auto f = OpenFile(dir->path() + "/f", O_RDONLY);
  ASSERT_TRUE(f.ok());
  EXPECT_EQ(*ReadXattrsFd(f->get(), "f"), *x);
  ASSERT_TRUE(SetXattrFd(f->get(), "user.big", std::string(3000, 'z'), "f").ok());
  EXPECT_EQ(ReadXattrsFd(f->get(), "f")->at("user.big").size(), 3000u);
}

TEST(XattrsTest, UserXattrOnSymlinkIsUnsupported) {
  auto dir = TempDir::Create();
  ASSERT_TRUE(dir.ok());
  ASSERT_EQ(::symlink("nowhere", (dir->path() + "/l").c_str()), 0);
  auto d = OpenFile(dir->path(), O_RDONLY | O_DIRECTORY);
  ASSERT_TRUE(d.ok());
  bool unsupported = false;
  EXPECT_TRUE(
      SetXattrAt(d->get(), "l", "user.u", "v", "l", &unsupported).ok());
  EXPECT_TRUE(unsupported);
  Status st = SetXattrAt(d->get(), "l", "user.u", "v", "dir/l");
  EXPECT_EQ(st.message(), "lsetxattr user.u \"dir/l\": Operation not permitted");
  EXPECT_TRUE(ReadXattrsAt(d->get(), "l", "l")->empty());
}

}  // namespace
}  // namespace mybuild::oci
