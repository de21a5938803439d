#include "cli/progress/rawjson_printer.h"

#include <sstream>

#include <gtest/gtest.h>

namespace mybuild::cli::progress {
namespace {

using std::chrono::milliseconds;
using std::chrono::system_clock;

// 2026-01-02T03:04:05Z, then 250 ms later at every call.
Clock Ticking() {
  auto t = std::make_shared<system_clock::time_point>(system_clock::from_time_t(1767323045));
  return [t] {
    system_clock::time_point now = *t;
    *t += milliseconds(250);
    return now;
  };
}

TEST(RawJsonPrinterTest, GoldenEvents) {
  std::ostringstream out;
  auto p = MakeRawJsonPrinter(out, Ticking());
  executor::StepLabel copy{1, "", 1, 3, "COPY a /a", "aa11"};
  executor::StepLabel run{2, "", 2, 3, "RUN make", "bb22"};
  executor::StepLabel bad{3, "", 3, 3, "RUN exit 3", "cc33"};
  p->Planned(3);
  p->Cached(copy);
  p->Started(run);
  p->Output(run, "hi\n");
  p->Done(run, 0.5);
  p->Started(bad);
  p->Failed(bad, "exit code: 3");
  p->Note("writing image sha256:abc");
  p->Finish(false);
  EXPECT_EQ(out.str(),
            R"({"vertexes":[{"digest":"sha256:aa11","name":"[1/3] COPY a /a","started":"2026-01-02T03:04:05Z","completed":"2026-01-02T03:04:05Z","cached":true}]}
{"vertexes":[{"digest":"sha256:bb22","name":"[2/3] RUN make","started":"2026-01-02T03:04:05.25Z"}]}
{"logs":[{"vertex":"sha256:bb22","stream":1,"data":"aGkK","timestamp":"2026-01-02T03:04:05.5Z"}]}
{"vertexes":[{"digest":"sha256:bb22","name":"[2/3] RUN make","started":"2026-01-02T03:04:05.25Z","completed":"2026-01-02T03:04:05.75Z"}]}
{"vertexes":[{"digest":"sha256:cc33","name":"[3/3] RUN exit 3","started":"2026-01-02T03:04:06Z"}]}
{"vertexes":[{"digest":"sha256:cc33","name":"[3/3] RUN exit 3","started":"2026-01-02T03:04:06Z","completed":"2026-01-02T03:04:06.25Z","error":"exit code: 3"}]}
{"notes":[{"message":"writing image sha256:abc","timestamp":"2026-01-02T03:04:06.5Z"}]}
)");
}

TEST(RawJsonPrinterTest, TransferIsAVertexWithStatuses) {
  std::ostringstream out;
  auto p = MakeRawJsonPrinter(out, Ticking());
  executor::StepLabel pull{1, "", 0, 0, "FROM r/app@sha256:ab", "dd44"};
  p->Started(pull);
  p->Transfer(pull, {"sha256:ee", 0, 300, false});
  p->Transfer(pull, {"sha256:ee", 300, 300, true});
  p->Done(pull, 0.5);
  EXPECT_EQ(out.str(),
            R"({"vertexes":[{"digest":"sha256:dd44","name":"FROM r/app@sha256:ab","started":"2026-01-02T03:04:05Z"}]}
{"statuses":[{"id":"sha256:ee","vertex":"sha256:dd44","current":0,"total":300,"timestamp":"2026-01-02T03:04:05.25Z","started":"2026-01-02T03:04:05.25Z"}]}
{"statuses":[{"id":"sha256:ee","vertex":"sha256:dd44","current":300,"total":300,"timestamp":"2026-01-02T03:04:05.5Z","started":"2026-01-02T03:04:05.25Z","completed":"2026-01-02T03:04:05.5Z"}]}
{"vertexes":[{"digest":"sha256:dd44","name":"FROM r/app@sha256:ab","started":"2026-01-02T03:04:05Z","completed":"2026-01-02T03:04:05.75Z"}]}
)");
}

TEST(RawJsonPrinterTest, InvalidUtf8IsReplacedInTextAndExactInLogs) {
  std::ostringstream out;
  auto p = MakeRawJsonPrinter(out, Ticking());
  executor::StepLabel s{1, "", 1, 1, "RUN echo \xff", "k"};
  p->Started(s);
  p->Output(s, "\xff\n");
  EXPECT_EQ(out.str(),
            "{\"vertexes\":[{\"digest\":\"sha256:k\",\"name\":\"[1/1] RUN echo \xef\xbf\xbd\","
            "\"started\":\"2026-01-02T03:04:05Z\"}]}\n"
            "{\"logs\":[{\"vertex\":\"sha256:k\",\"stream\":1,\"data\":\"/wo=\","
            "\"timestamp\":\"2026-01-02T03:04:05.25Z\"}]}\n");
}

TEST(RawJsonPrinterTest, Rfc3339NanoTrimsZeros) {
  auto t = system_clock::from_time_t(0);
  EXPECT_EQ(Rfc3339Nano(t), "1970-01-01T00:00:00Z");
  EXPECT_EQ(Rfc3339Nano(t + std::chrono::nanoseconds(123456000)),
            "1970-01-01T00:00:00.123456Z");
  EXPECT_EQ(Rfc3339Nano(t + std::chrono::nanoseconds(1)), "1970-01-01T00:00:00.000000001Z");
}

}  // namespace
}  // namespace mybuild::cli::progress
