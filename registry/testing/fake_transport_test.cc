#include "registry/testing/fake_transport.h"

#include <gtest/gtest-spi.h>
#include <gtest/gtest.h>

namespace mybuild::registry::testing {
namespace {

HttpRequest Req(std::string method, std::string url, std::string body = "") {
  HttpRequest r;
  r.method = std::move(method);
  r.url = std::move(url);
  r.body = std::move(body);
  return r;
}

TEST(ScriptedTransportTest, PlaysStepsInOrderAndChecksThem) {
  ScriptedTransport fake;
  fake.Expect("PUT", "https://h/a")
      .WithHeader("Content-Type", "x/y")
      .WithoutHeader("Authorization")
      .WithBody("payload")
      .Reply(201, "", {})
      .ReplyHeader("Location", "/b");
  fake.Expect("GET", "https://h/b").Fail(Unavailable("down"));
  HttpRequest put = Req("PUT", "https://h/a", "payload");
  put.headers.Add("content-type", "x/y");
  auto r = fake.Send(put);
  EXPECT_EQ(r->status, 201);
  EXPECT_EQ(r->headers.Get("Location"), "/b");
  EXPECT_EQ(fake.Send(Req("GET", "https://h/b")).status().message(), "down");
  EXPECT_EQ(fake.requests().size(), 2u);
  EXPECT_EQ(fake.unused_steps(), 0u);
}

TEST(ScriptedTransportTest, SurprisesFailTheTest) {
  EXPECT_NONFATAL_FAILURE(
      {
        ScriptedTransport fake;
        fake.Expect("GET", "https://h/a").WithBody("x");
        auto r = fake.Send(Req("GET", "https://h/a", "y"));
        EXPECT_EQ(r.status().code(), ErrorCode::kInternal);
      },
      "unexpected request GET https://h/a: body is \"y\", expected \"x\"");
  EXPECT_NONFATAL_FAILURE(
      {
        ScriptedTransport fake;
        fake.Expect("GET", "https://h/a");
      },
      "scripted request never made: GET https://h/a");
  EXPECT_NONFATAL_FAILURE(
      {
        ScriptedTransport fake;
        (void)fake.Send(Req("GET", "https://h/a"));
      },
      "unexpected request GET https://h/a: no step left for it");
}

TEST(ScriptedTransportTest, AnyOrderMatchesByTarget) {
  ScriptedTransport fake;
  fake.AnyOrder();
  fake.Expect("GET", "https://h/1").Reply(200, "one");
  fake.Expect("GET", "https://h/2").Reply(200, "two");
  StringSink sink;
  HttpRequest r = Req("GET", "https://h/2");
  r.sink = &sink;
  EXPECT_EQ(fake.Send(r)->body, "");
  EXPECT_EQ(sink.data(), "two");
  EXPECT_EQ(fake.Send(Req("GET", "https://h/1"))->body, "one");
}

}  // namespace
}  // namespace mybuild::registry::testing
