#include "registry/retry.h"

#include <gtest/gtest.h>

#include "registry/testing/fake_transport.h"

namespace mybuild::registry {
namespace {

using std::chrono::milliseconds;
using testing::ScriptedTransport;

constexpr char kUrl[] = "https://r.example/v2/";

class RetryTest : public ::testing::Test {
 protected:
  RetryingTransport Retrying() {
    RetryPolicy no_jitter;
    no_jitter.jitter = 0;
    return RetryingTransport(fake_, no_jitter,
                             [this](milliseconds d) { slept_.push_back(d); });
  }
  Expected<HttpResponse> Get(BodySink* sink = nullptr) {
    HttpRequest r;
    r.url = kUrl;
    r.sink = sink;
    return Retrying().Send(r);
  }
  ScriptedTransport fake_;
  std::vector<milliseconds> slept_;
};

TEST_F(RetryTest, ServerErrorThenSuccess) {
  fake_.Expect("GET", kUrl).Reply(503);
  fake_.Expect("GET", kUrl).Reply(200, "ok");
  auto r = Get();
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->body, "ok");
  EXPECT_EQ(slept_, std::vector<milliseconds>{milliseconds(250)});
}

TEST_F(RetryTest, ConnectionFailuresBackOffExponentially) {
  fake_.Expect("GET", kUrl).Fail(Unavailable("connection refused"));
  fake_.Expect("GET", kUrl).Fail(Unavailable("connection refused"));
  fake_.Expect("GET", kUrl).Reply(200);
  EXPECT_EQ(Get()->status, 200);
  EXPECT_EQ(slept_,
            (std::vector<milliseconds>{milliseconds(250), milliseconds(500)}));
}

TEST_F(RetryTest, HonoursRetryAfterOn429) {
  fake_.Expect("GET", kUrl).Reply(429).ReplyHeader("Retry-After", "3");
  fake_.Expect("GET", kUrl).Reply(200);
  EXPECT_EQ(Get()->status, 200);
  EXPECT_EQ(slept_, std::vector<milliseconds>{milliseconds(3000)});
}

TEST_F(RetryTest, ClientErrorsAndRefusalsAreFinal) {
  fake_.Expect("GET", kUrl).Reply(404, "{}");
  EXPECT_EQ(Get()->status, 404);
  fake_.Expect("GET", kUrl).Fail(InvalidArgument("certificate not trusted"));
  EXPECT_EQ(Get().status().message(), "certificate not trusted");
  EXPECT_TRUE(slept_.empty());
}

TEST_F(RetryTest, GivesUpAfterMaxAttempts) {
  for (int i = 0; i < 5; ++i) fake_.Expect("GET", kUrl).Reply(500, "boom");
  auto r = Get();
  EXPECT_EQ(r->status, 500);
  EXPECT_EQ(r->body, "boom");
  EXPECT_EQ(slept_, (std::vector<milliseconds>{
                        milliseconds(250), milliseconds(500),
                        milliseconds(1000), milliseconds(2000)}));
  for (int i = 0; i < 5; ++i)
    fake_.Expect("GET", kUrl).Fail(Unavailable("reset"));
  auto f = Get();
  EXPECT_EQ(f.status().code(), ErrorCode::kUnavailable);
  EXPECT_EQ(f.status().message(), "reset (after 5 attempts)");
}

TEST_F(RetryTest, RequestsMarkedOnceAreSentOnce) {
  fake_.Expect("PATCH", kUrl).Reply(503);
  HttpRequest r;
  r.method = "PATCH";
  r.url = kUrl;
  r.retry = false;
  EXPECT_EQ(Retrying().Send(r)->status, 503);
  fake_.Expect("PATCH", kUrl).Fail(Unavailable("reset"));
  EXPECT_EQ(Retrying().Send(r).status().message(), "reset");
  EXPECT_TRUE(slept_.empty());
}

class CountingSink : public StringSink {
 public:
  Status Reset() override {
    ++resets;
    return StringSink::Reset();
  }
  int resets = 0;
};

TEST_F(RetryTest, ResetsSinkBeforeResending) {
  fake_.Expect("GET", kUrl).Fail(Unavailable("transfer closed"));
  fake_.Expect("GET", kUrl).Reply(200, "blob");
  CountingSink sink;
  EXPECT_EQ(Get(&sink)->status, 200);
  EXPECT_EQ(sink.resets, 1);
  EXPECT_EQ(sink.data(), "blob");
}

TEST(RetryPolicyTest, BackoffAndRetryAfterAreCapped) {
  RetryPolicy p;
  EXPECT_EQ(BackoffFor(p, 1), milliseconds(250));
  EXPECT_EQ(BackoffFor(p, 6), milliseconds(8000));
  EXPECT_EQ(BackoffFor(p, 60), milliseconds(8000));
  HttpResponse r;
  EXPECT_EQ(RetryAfter(p, r), std::nullopt);
  r.headers.Set("Retry-After", "Wed, 21 Oct 2015 07:28:00 GMT");
  EXPECT_EQ(RetryAfter(p, r), std::nullopt);
  r.headers.Set("Retry-After", "3600");
  EXPECT_EQ(RetryAfter(p, r), milliseconds(60000));
  r.headers.Set("Retry-After", "0");
  EXPECT_EQ(RetryAfter(p, r), milliseconds(0));
}

TEST_F(RetryTest, OnlyTransientStatusesAreRetriedAndExhaustionIsCounted) {
  for (int status : {400, 401, 403, 404, 501}) {
    fake_.Expect("GET", kUrl).Reply(status);
    EXPECT_EQ(Get()->status, status);
  }
  EXPECT_TRUE(slept_.empty());
  for (int i = 0; i < 5; ++i)
    fake_.Expect("GET", kUrl).Reply(i % 2 ? 502 : 504);
  auto r = Get();
  EXPECT_EQ(r->headers.Get(kAttemptsHeader), "5");
}

TEST(RetryJitterTest, JitterOnlyShortensAndTotalTimeIsBounded) {
  ScriptedTransport fake;
  for (int i = 0; i < 3; ++i) fake.Expect("GET", kUrl).Reply(503);
  std::vector<milliseconds> slept;
  RetryPolicy p;
  p.max_attempts = 3;
  RetryingTransport jittery(fake, p,
                            [&](milliseconds d) { slept.push_back(d); });
  HttpRequest req;
  req.url = kUrl;
  EXPECT_EQ(jittery.Send(req)->status, 503);
  ASSERT_EQ(slept.size(), 2u);
  EXPECT_TRUE(slept[0] > milliseconds(125) && slept[0] <= milliseconds(250));
  EXPECT_TRUE(slept[1] > milliseconds(250) && slept[1] <= milliseconds(500));
  // A Retry-After beyond the total bound ends it at once.
  ScriptedTransport slow;
  slow.Expect("GET", kUrl).Reply(429).ReplyHeader("Retry-After", "30");
  p.max_total = milliseconds(1000);
  RetryingTransport bounded(slow, p,
                            [&](milliseconds d) { slept.push_back(d); });
  EXPECT_EQ(bounded.Send(req)->status, 429);
  EXPECT_EQ(slept.size(), 2u);
}

}  // namespace
}  // namespace mybuild::registry
