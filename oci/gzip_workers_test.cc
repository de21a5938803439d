#include "oci/gzip_workers.h"

#include <gtest/gtest.h>

namespace mybuild::oci::internal {
namespace {

std::shared_ptr<GzipJob> MakeJob(int i) {
  auto job = std::make_shared<GzipJob>();
  for (int n = 0; n < 2000; ++n) job->input += std::to_string(n * i) + " ";
  return job;
}

TEST(GzipWorkersTest, CompressLikeTheCallingThread) {
  std::vector<std::shared_ptr<GzipJob>> jobs;
  {
    GzipWorkers workers(3, 6);
    for (int i = 0; i < 20; ++i) {
      jobs.push_back(MakeJob(i));
      workers.Submit(jobs.back());
    }
    for (auto it = jobs.rbegin(); it != jobs.rend(); ++it) workers.Wait(**it);
    for (const auto& job : jobs) EXPECT_TRUE(workers.Done(*job));
  }
  Expected<BlockDeflater> own = BlockDeflater::Create(6);
  for (int i = 0; i < 20; ++i) {
    auto expected = MakeJob(i);
    CompressJob(own, *expected);
    const GzipJob& job = *jobs[i];
    EXPECT_TRUE(job.status.ok());
    EXPECT_EQ(job.output, expected->output) << i;
    EXPECT_EQ(job.output.substr(0, 10), GzipHeader(6)) << i;
  }
}

TEST(GzipWorkersTest, ADeflaterErrorBecomesTheJobs) {
  Expected<BlockDeflater> bad = BlockDeflater::Create(0);
  GzipJob job;
  job.input = "abc";
  CompressJob(bad, job);
  EXPECT_EQ(job.status.message(), "gzip level 0 is not between 1 and 9");
  EXPECT_EQ(job.output, "");
}

TEST(GzipWorkersTest, StopsWithJobsStillQueued) {
  std::string input;
  for (int n = 0; n < 40000; ++n) input += std::to_string(n) + ",";
  std::vector<std::shared_ptr<GzipJob>> jobs;
  for (int i = 0; i < 50; ++i) {
    jobs.push_back(std::make_shared<GzipJob>());
    jobs.back()->input = input;
  }
  {
    GzipWorkers workers(1, 9);
    for (const auto& job : jobs) workers.Submit(job);
  }  // about a second of work is queued: the destructor drops it
  EXPECT_FALSE(jobs.back()->done);
  EXPECT_EQ(jobs.back()->output, "");
}

}  // namespace
}  // namespace mybuild::oci::internal
