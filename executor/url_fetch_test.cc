#include "executor/url_fetch.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include "base/fd.h"
#include "base/temp_dir.h"
#include "executor/test_http_server.h"

namespace mybuild::executor {
namespace {

constexpr char kHelloSha[] =
    "sha256:2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824";

TEST(UrlFetchTest, FileNamesAreTheLastPathElement) {
  EXPECT_EQ(UrlFileName("https://example.com/a/b.tgz?x=1#f"), "b.tgz");
  EXPECT_EQ(UrlFileName("https://example.com/dir/"), "dir");
  EXPECT_EQ(UrlFileName("https://example.com/"), "__unnamed__");
  EXPECT_EQ(UrlFileName("https://example.com"), "__unnamed__");
}

TEST(UrlFetchTest, DownloadsWithMode600AndLastModified) {
  testing::TinyHttpServer server;
  auto dir = TempDir::Create();
  ASSERT_TRUE(dir.ok());
  Status st = FetchUrl(server.Url("/moved"), dir->path(), kHelloSha);
  ASSERT_TRUE(st.ok()) << st.message();
  std::string path = dir->path() + "/moved";
  EXPECT_EQ(*ReadFile(path), "hello");
  struct stat s;
  ASSERT_EQ(::stat(path.c_str(), &s), 0);
  EXPECT_EQ(s.st_mode & 07777, 0600u);
  EXPECT_EQ(s.st_mtime, 1445412480);
}

TEST(UrlFetchTest, FailuresSayWhatWentWrong) {
  testing::TinyHttpServer server;
  auto dir = TempDir::Create();
  ASSERT_TRUE(dir.ok());
  std::string url = server.Url("/files/hello.txt");
  std::string wrong = "sha256:" + std::string(64, '0');
  EXPECT_EQ(FetchUrl(url, dir->path(), wrong).message(),
            "ADD failed: checksum of \"" + url + "\" is " + kHelloSha +
                ", not " + wrong);
  EXPECT_EQ(FetchUrl(url, dir->path(), "md5:1").message(),
            "ADD --checksum \"md5:1\": want sha256:<64 hex digits>");
  std::string missing = server.Url("/nope");
  EXPECT_EQ(FetchUrl(missing, dir->path(), "").message(),
            "ADD failed: GET \"" + missing + "\": 404 Not Found");
}

}  // namespace
}  // namespace mybuild::executor
