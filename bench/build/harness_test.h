// The fixture of the tests that drive the mybuild binary through a
// BuildHarness: skipped when not root or when the harness's real parts
// (docker-registry, busybox-static) are missing, failed when it cannot start.
#pragma once

#include <unistd.h>

#include <memory>

#include <gtest/gtest.h>

#include "bench/build/harness.h"

namespace mybuild::bench {

class HarnessTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (::geteuid() != 0) GTEST_SKIP() << "needs root";
    auto h = BuildHarness::Start("cli/mybuild");
    if (h.status().code() == ErrorCode::kNotFound) GTEST_SKIP() << h.status().message();
    ASSERT_TRUE(h.ok()) << h.status().message();
    h_ = std::move(*h);
  }
  // For a subclass's SetUp after HarnessTest::SetUp: whether to go on.
  bool Started() const { return h_ != nullptr; }

  std::unique_ptr<BuildHarness> h_;
};

}  // namespace mybuild::bench
