#include "executor/url_fetch.h"

#include <gtest/gtest.h>
#include <netinet/in.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/stat.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <thread>

#include "base/fd.h"
#include "base/temp_dir.h"
#include "executor/test_http_server.h"

namespace mybuild::executor {
namespace {

constexpr char kHelloSha[] =
    "sha256:2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824";

// A loopback server answering each path with a raw reply, in plain HTTP or,
// given a certificate and key, in TLS.
class RawServer {
 public:
  RawServer(std::map<std::string, std::string> replies, std::string cert = "",
            std::string key = "")
      : replies_(std::move(replies)) {
    if (!cert.empty()) {
      ctx_ = SSL_CTX_new(TLS_server_method());
      EXPECT_EQ(
          SSL_CTX_use_certificate_file(ctx_, cert.c_str(), SSL_FILETYPE_PEM),
          1);
      EXPECT_EQ(
          SSL_CTX_use_PrivateKey_file(ctx_, key.c_str(), SSL_FILETYPE_PEM), 1);
    }
    fd_ = UniqueFd(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
    sockaddr_in a = {};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof a;
    EXPECT_EQ(::bind(fd_.get(), reinterpret_cast<sockaddr*>(&a), len), 0);
    EXPECT_EQ(::listen(fd_.get(), 8), 0);
    ::getsockname(fd_.get(), reinterpret_cast<sockaddr*>(&a), &len);
    port_ = ntohs(a.sin_port);
    thread_ = std::thread([this] { Loop(); });
  }
  ~RawServer() {
    stop_ = true;
    thread_.join();
    if (ctx_ != nullptr) SSL_CTX_free(ctx_);
  }
  int port() const { return port_; }
  std::string Url(const std::string& path) const {
    return std::string(ctx_ ? "https" : "http") +
           "://127.0.0.1:" + std::to_string(port_) + path;
  }
  int requests() const { return requests_; }

 private:
  void Loop() {
    while (!stop_) {
      pollfd p{fd_.get(), POLLIN, 0};
      if (::poll(&p, 1, 20) <= 0) continue;
      UniqueFd c(::accept4(fd_.get(), nullptr, nullptr, SOCK_CLOEXEC));
      if (c.valid()) Answer(c.get());
    }
  }
  void Answer(int fd) {
    SSL* ssl = nullptr;
    if (ctx_ != nullptr) {
      ssl = SSL_new(ctx_);
      SSL_set_fd(ssl, fd);
      if (SSL_accept(ssl) != 1) {
        SSL_free(ssl);
        return;
      }
    }
    std::string req;
    char buf[4096];
    while (req.find("\r\n\r\n") == std::string::npos) {
      int n = ssl ? SSL_read(ssl, buf, sizeof buf)
                  : static_cast<int>(::read(fd, buf, sizeof buf));
      if (n <= 0) break;
      req.append(buf, n);
    }
    ++requests_;
    std::string path = req.substr(4, req.find(' ', 4) - 4);
    auto it = replies_.find(path);
    std::string reply =
        it != replies_.end()
            ? it->second
            : "HTTP/1.0 404 Not Found\r\nContent-Length: 0\r\n\r\n";
    if (ssl != nullptr) {
      SSL_write(ssl, reply.data(), static_cast<int>(reply.size()));
      SSL_shutdown(ssl);
      SSL_free(ssl);
    } else {
      (void)WriteAll(fd, reply, "reply");
    }
  }

  std::map<std::string, std::string> replies_;
  SSL_CTX* ctx_ = nullptr;
  UniqueFd fd_;
  int port_ = 0;
  std::atomic<bool> stop_{false};
  std::atomic<int> requests_{0};
  std::thread thread_;
};

std::string Redirect(const std::string& to) {
  return "HTTP/1.0 302 Found\r\nLocation: " + to +
         "\r\nContent-Length: 8\r\n\r\nredirect";
}

std::string Ok(const std::string& body) {
  return "HTTP/1.0 200 OK\r\nContent-Length: " + std::to_string(body.size()) +
         "\r\n\r\n" + body;
}

// A self-signed certificate for 127.0.0.1, made by the openssl tool.
struct Cert {
  std::string cert, key;
};
Cert MakeCert(const std::string& dir) {
  Cert c{dir + "/cert.pem", dir + "/key.pem"};
  std::string cmd =
      "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 "
      "-nodes -days 2 -subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 "
      "-keyout " +
      c.key + " -out " + c.cert + " >/dev/null 2>&1";
  EXPECT_EQ(std::system(cmd.c_str()), 0) << cmd;
  return c;
}

bool Empty(const TempDir& dir) { return std::filesystem::is_empty(dir.path()); }

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
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir->path()),
                          std::filesystem::directory_iterator()),
            1);
}

TEST(UrlFetchTest, FailuresSayWhatWentWrongAndLeaveNothing) {
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
  EXPECT_TRUE(Empty(*dir));
}

TEST(UrlFetchTest, HttpsNeverDowngradesToHttpOnARedirect) {
  auto dir = std::move(TempDir::Create()).value();
  auto certs = std::move(TempDir::Create()).value();
  Cert cert = MakeCert(certs.path());
  RawServer plain({{"/x", Ok("plain body")}});
  RawServer tls({{"/down", Redirect(plain.Url("/x"))},
                 {"/up", Ok("tls body")},
                 {"/same", Redirect("/up")}},
                cert.cert, cert.key);
  FetchUrlOptions o;
  o.ca_file = cert.cert;
  std::string down = tls.Url("/down");
  Status st = FetchUrl(down, dir.path(), "", o);
  EXPECT_EQ(st.code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(st.message(), "ADD " + down + ": redirect to " + plain.Url("/x") +
                              " refused: https must not downgrade to http");
  EXPECT_EQ(plain.requests(), 0);
  EXPECT_TRUE(Empty(dir));
  // https to https is followed; so is http up to https.
  ASSERT_TRUE(FetchUrl(tls.Url("/same"), dir.path(), "", o).ok());
  EXPECT_EQ(*ReadFile(dir.path() + "/same"), "tls body");
  RawServer upgrade({{"/u", Redirect(tls.Url("/up"))}});
  Status up = FetchUrl(upgrade.Url("/u"), dir.path(), "", o);
  ASSERT_TRUE(up.ok()) << up.message();
  EXPECT_EQ(*ReadFile(dir.path() + "/u"), "tls body");
  // Once https, a later hop back to http is refused too.
  RawServer chain({{"/c", Redirect(down)}});
  EXPECT_EQ(FetchUrl(chain.Url("/c"), dir.path(), "", o).message(),
            "ADD " + chain.Url("/c") + ": redirect to " + plain.Url("/x") +
                " refused: https must not downgrade to http");
}

TEST(UrlFetchTest, RedirectToMetadataOrLinkLocalAddressesIsRefused) {
  auto dir = std::move(TempDir::Create()).value();
  std::string names = "http://metadata.test/latest";
  RawServer server({
      {"/ip", Redirect("http://169.254.169.254/latest/meta-data/")},
      {"/ll", Redirect("http://169.254.10.1/x")},
      {"/v6", Redirect("http://[fe80::1]/x")},
      {"/aws6", Redirect("http://[fd00:ec2::254]/latest")},
      {"/mapped", Redirect("http://[::ffff:169.254.169.254]/latest")},
      {"/name", Redirect(names)},
  });
  FetchUrlOptions o;
  // A name that resolves to the metadata address: the address is checked,
  // not the name.
  o.resolve = {"metadata.test:80:169.254.169.254"};
  o.connect_timeout_seconds = 2;
  struct Case {
    std::string path, target, address, kind;
  } cases[] = {
      {"/ip", "http://169.254.169.254/latest/meta-data/", "169.254.169.254",
       "a cloud metadata address"},
      {"/ll", "http://169.254.10.1/x", "169.254.10.1", "a link-local address"},
      {"/v6", "http://[fe80::1]/x", "fe80::1", "a link-local address"},
      {"/aws6", "http://[fd00:ec2::254]/latest", "fd00:ec2::254",
       "a cloud metadata address"},
      {"/mapped", "http://[::ffff:169.254.169.254]/latest",
       "::ffff:169.254.169.254", "a cloud metadata address"},
      {"/name", names, "169.254.169.254", "a cloud metadata address"},
  };
  for (const Case& c : cases) {
    std::string url = server.Url(c.path);
    Status st = FetchUrl(url, dir.path(), "", o);
    EXPECT_EQ(st.code(), ErrorCode::kInvalidArgument) << c.path;
    EXPECT_EQ(st.message(), "ADD " + url + ": redirect to " + c.target +
                                " refused: connecting to " + c.address + " (" +
                                c.kind + ")");
  }
  EXPECT_TRUE(Empty(dir));
  // A redirect within the host the user named is not restricted (a name
  // the user gave may resolve anywhere); shown here on loopback, since the
  // test must not reach a real metadata service.
  RawServer named({{"/a", Redirect("/files/b")}, {"/files/b", Ok("b")}});
  FetchUrlOptions same;
  same.resolve = {"named.test:" + std::to_string(named.port()) + ":127.0.0.1"};
  std::string url = "http://named.test:" + std::to_string(named.port()) + "/a";
  Status st = FetchUrl(url, dir.path(), "", same);
  EXPECT_TRUE(st.ok()) << st.message();
}

}  // namespace
}  // namespace mybuild::executor
