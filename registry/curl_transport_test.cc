#include "registry/curl_transport.h"

#include <gtest/gtest.h>

#include <chrono>

#include "base/fd.h"
#include "base/temp_dir.h"
#include "registry/testing/stalling_server.h"
#include "registry/testing/tiny_http_server.h"

namespace mybuild::registry {
namespace {

using testing::RawReply;
using testing::StallingServer;
using testing::TinyHttpServer;

std::unique_ptr<CurlTransport> NewTransport(CurlTransportOptions o = {}) {
  auto t = CurlTransport::Create(std::move(o));
  EXPECT_TRUE(t.ok()) << t.status().message();
  return std::move(t).value();
}

template <typename T>
T Must(Expected<T> e) {
  if (!e.ok()) ADD_FAILURE() << e.status().message();
  return std::move(e).value();
}

HttpHeaders Headers(std::vector<std::pair<std::string, std::string>> kv) {
  HttpHeaders h;
  for (auto& [k, v] : kv) h.Add(k, v);
  return h;
}

TEST(CurlTransportTest, GetSendsHeadersAndReturnsResponse) {
  auto server = Must(TinyHttpServer::Start({RawReply(
      200, Headers({{"Docker-Content-Digest", "sha256:ab"}}), "hi")}));
  HttpRequest req;
  req.url = server->Url("/v2/app/manifests/1");
  req.headers.Add("Accept", "a/b, c/d");
  auto resp = NewTransport()->Send(req);
  ASSERT_TRUE(resp.ok()) << resp.status().message();
  EXPECT_EQ(resp->status, 200);
  EXPECT_EQ(resp->body, "hi");
  EXPECT_EQ(resp->headers.Get("docker-content-digest"), "sha256:ab");
  auto got = server->received();
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].method, "GET");
  EXPECT_EQ(got[0].target, "/v2/app/manifests/1");
  EXPECT_EQ(got[0].headers.Get("Accept"), "a/b, c/d");
  EXPECT_EQ(got[0].headers.Get("User-Agent"), "mybuild");
  EXPECT_FALSE(got[0].headers.Has("Expect"));
}

TEST(CurlTransportTest, UploadsStringAndFileRangeBodies) {
  auto server = Must(TinyHttpServer::Start(
      {RawReply(201, {}, ""), RawReply(202, {}, ""), RawReply(202, {}, "")}));
  auto dir = Must(TempDir::Create());
  ASSERT_TRUE(WriteFileAtomic(dir.path() + "/blob", "0123456789").ok());
  auto transport = NewTransport();
  HttpRequest put;
  put.method = "PUT";
  put.url = server->Url("/a");
  put.body = "manifest-bytes";
  EXPECT_EQ(transport->Send(put)->status, 201);
  HttpRequest patch;
  patch.method = "PATCH";
  patch.url = server->Url("/b");
  patch.body_file = dir.path() + "/blob";
  patch.body_offset = 3;
  patch.body_length = 4;
  EXPECT_EQ(transport->Send(patch)->status, 202);
  HttpRequest post;
  post.method = "POST";
  post.url = server->Url("/c");
  EXPECT_EQ(transport->Send(post)->status, 202);
  auto got = server->received();
  ASSERT_EQ(got.size(), 3u);
  EXPECT_EQ(got[0].method + " " + got[0].body, "PUT manifest-bytes");
  EXPECT_EQ(got[1].method + " " + got[1].body, "PATCH 3456");
  EXPECT_EQ(got[1].headers.Get("Content-Length"), "4");
  EXPECT_EQ(got[2].method, "POST");
  EXPECT_EQ(got[2].headers.Get("Content-Length"), "0");
}

TEST(CurlTransportTest, FileRangePastEndFailsBeforeSending) {
  auto dir = Must(TempDir::Create());
  ASSERT_TRUE(WriteFileAtomic(dir.path() + "/blob", "0123").ok());
  HttpRequest req;
  req.method = "PUT";
  req.url = "http://127.0.0.1:1/x";
  req.body_file = dir.path() + "/blob";
  req.body_offset = 2;
  req.body_length = 5;
  auto resp = NewTransport()->Send(req);
  EXPECT_EQ(resp.status().code(), ErrorCode::kIo);
  EXPECT_EQ(resp.status().message(),
            "PUT http://127.0.0.1:1/x: read \"" + dir.path() +
                "/blob\": wanted 5 bytes at offset 2, file has 2");
}

TEST(CurlTransportTest, SinkGetsOnlySuccessfulBodies) {
  std::string big(HttpResponse::kMaxErrorBody + 10, 'e');
  auto server = Must(TinyHttpServer::Start(
      {RawReply(200, {}, "blob-bytes"), RawReply(404, {}, big)}));
  auto transport = NewTransport();
  StringSink sink;
  HttpRequest req;
  req.url = server->Url("/blob");
  req.sink = &sink;
  auto ok = transport->Send(req);
  EXPECT_EQ(ok->body, "");
  EXPECT_EQ(sink.data(), "blob-bytes");
  ASSERT_TRUE(sink.Reset().ok());
  auto missing = transport->Send(req);
  EXPECT_EQ(missing->status, 404);
  EXPECT_EQ(missing->body, big.substr(0, HttpResponse::kMaxErrorBody));
  EXPECT_EQ(sink.data(), "");
}

class FailingSink : public BodySink {
 public:
  Status Write(std::string_view) override { return IoError("disk full"); }
  Status Reset() override { return Status::Ok(); }
};

TEST(CurlTransportTest, SinkFailureAbortsWithItsStatus) {
  auto server = Must(TinyHttpServer::Start({RawReply(200, {}, "data")}));
  FailingSink sink;
  HttpRequest req;
  req.url = server->Url("/blob");
  req.sink = &sink;
  auto resp = NewTransport()->Send(req);
  EXPECT_EQ(resp.status().code(), ErrorCode::kIo);
  EXPECT_EQ(resp.status().message(), "GET " + req.url + ": disk full");
}

TEST(CurlTransportTest, RedirectsAreReturnedNotFollowed) {
  auto server = Must(TinyHttpServer::Start(
      {RawReply(307, Headers({{"Location", "/elsewhere"}}), "")}));
  HttpRequest req;
  req.url = server->Url("/v2/app/blobs/sha256:ab");
  auto resp = NewTransport()->Send(req);
  EXPECT_EQ(resp->status, 307);
  EXPECT_EQ(resp->headers.Get("Location"), "/elsewhere");
  EXPECT_EQ(server->received().size(), 1u);
}

TEST(CurlTransportTest, HeadHasNoBody) {
  auto server =
      Must(TinyHttpServer::Start({"HTTP/1.1 200 OK\r\nContent-Length: "
                                  "1234\r\nConnection: close\r\n\r\n"}));
  HttpRequest req;
  req.method = "HEAD";
  req.url = server->Url("/v2/app/blobs/sha256:ab");
  auto resp = NewTransport()->Send(req);
  ASSERT_TRUE(resp.ok()) << resp.status().message();
  EXPECT_EQ(resp->headers.Get("Content-Length"), "1234");
  EXPECT_EQ(server->received()[0].method, "HEAD");
}

TEST(CurlTransportTest, PlainHttpOnlyToLoopbackOrInsecureHosts) {
  CurlTransportOptions options;
  options.insecure_hosts = {"lan.example:5000"};
  auto t = NewTransport(options);
  HttpRequest req;
  req.url = "http://registry.example/v2/";
  auto resp = t->Send(req);
  EXPECT_EQ(resp.status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(resp.status().message(),
            "GET http://registry.example/v2/: plain HTTP is allowed only to "
            "loopback hosts; registry.example must use HTTPS");
  EXPECT_TRUE(t->AllowsPlainHttp("lan.example", "lan.example:5000"));
  EXPECT_FALSE(t->AllowsPlainHttp("lan.example", "lan.example:5001"));
  EXPECT_TRUE(t->AllowsPlainHttp("127.0.0.2", "127.0.0.2:80"));
}

TEST(CurlTransportTest, RefusedConnectionIsUnavailable) {
  int port;
  {
    auto server = Must(TinyHttpServer::Start({}));
    port = server->port();
  }
  HttpRequest req;
  req.url = "http://127.0.0.1:" + std::to_string(port) + "/v2/";
  auto resp = NewTransport()->Send(req);
  EXPECT_EQ(resp.status().code(), ErrorCode::kUnavailable);
  EXPECT_TRUE(resp.status().message().starts_with(
      "GET " + req.url + ": Failed to connect to 127.0.0.1 port " +
      std::to_string(port)))
      << resp.status().message();
}

// Sends `url` through a transport with these timeouts; returns the error
// and the seconds it took.
std::pair<Status, double> TimedGet(const std::string& url, long connect,
                                   long stall) {
  CurlTransportOptions o;
  o.connect_timeout_seconds = connect;
  o.stall_timeout_seconds = stall;
  auto t = NewTransport(o);
  HttpRequest req;
  req.url = url;
  auto start = std::chrono::steady_clock::now();
  auto resp = t->Send(req);
  std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
  return {resp.ok() ? Status::Ok() : resp.status(), took.count()};
}

// A server that accepts and never answers, or trickles a byte every 1.5 s,
// or never completes the TLS handshake, ends the request within its bound.
TEST(CurlTransportTest, SilentOrTricklingServersTimeOut) {
  using Mode = StallingServer::Mode;
  struct Case {
    Mode mode;
    std::chrono::milliseconds interval;
    std::string scheme;
    long connect, stall;
    std::string error;
    double within;  // seconds
  } cases[] = {
      {Mode::kSilent, std::chrono::seconds(5), "http", 30, 1,
       "no data from the server for 1 s (stall timeout)", 3},
      // A byte every 1.5 s is slower than 1 byte/s: it stalls out too.
      {Mode::kTrickle, std::chrono::milliseconds(1500), "http", 30, 3,
       "no data from the server for 3 s (stall timeout)", 8},
      {Mode::kSilent, std::chrono::seconds(5), "https", 1, 60,
       "no connection within 1 s (connect timeout)", 3},
  };
  for (const Case& c : cases) {
    auto server = Must(StallingServer::Start(c.mode, c.interval));
    std::string url = server->Url(c.scheme, "/v2/blob");
    auto [st, took] = TimedGet(url, c.connect, c.stall);
    EXPECT_EQ(st.code(), ErrorCode::kUnavailable);
    EXPECT_EQ(st.message(), "GET " + url + ": " + c.error);
    EXPECT_LT(took, c.within) << c.error;
  }
}

TEST(CurlTransportTest, DefaultsAreTheRealOnes) {
  CurlTransportOptions o;
  EXPECT_EQ(o.connect_timeout_seconds, 30);
  EXPECT_EQ(o.stall_timeout_seconds, 60);
}

// A server that does not speak TLS where TLS was asked for is a TLS
// failure (not worth retrying), never a reason to try plain HTTP.
TEST(CurlTransportTest, TlsHandshakeFailureIsReportedAsSuch) {
  auto server = Must(StallingServer::Start(StallingServer::Mode::kGarbage));
  std::string url = server->Url("https", "/v2/");
  auto [st, took] = TimedGet(url, 5, 5);
  EXPECT_EQ(st.code(), ErrorCode::kInvalidArgument);
  EXPECT_TRUE(
      st.message().starts_with("GET " + url + ": TLS handshake failed ("))
      << st.message();
}

TEST(CurlTransportTest, BadCaFileIsReported) {
  auto dir = Must(TempDir::Create());
  CurlTransportOptions options;
  options.ca_file = dir.path() + "/none.pem";
  auto missing = CurlTransport::Create(options);
  EXPECT_EQ(
      missing.status().message(),
      "CA file \"" + dir.path() + "/none.pem\": No such file or directory");
  ASSERT_TRUE(WriteFileAtomic(dir.path() + "/junk.pem", "not pem").ok());
  options.ca_file = dir.path() + "/junk.pem";
  auto junk = CurlTransport::Create(options);
  EXPECT_EQ(
      junk.status().message(),
      "CA file \"" + dir.path() + "/junk.pem\": no PEM certificate in it");
}

}  // namespace
}  // namespace mybuild::registry
