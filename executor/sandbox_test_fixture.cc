#include "executor/sandbox_test_fixture.h"

#include <unistd.h>

#include <algorithm>
#include <filesystem>

#include "base/fd.h"
#include "testdata/fixtures/busybox_rootfs.h"

namespace mybuild::executor::testing {

void SandboxFixture::SetUp() {
  if (::geteuid() != 0) GTEST_SKIP() << "sandbox tests need root";
  auto dir = TempDir::Create();
  ASSERT_TRUE(dir.ok()) << dir.status().message();
  dir_ = std::make_unique<TempDir>(std::move(*dir));
  for (const char* d : {"lower", "upper", "work", "mnt", "etc"}) {
    ASSERT_TRUE(MakeDirs(P(d)).ok());
  }
  Status st = mybuild::testing::MakeBusyboxRootfs(P("lower"));
  if (st.code() == ErrorCode::kNotFound) GTEST_SKIP() << st.message();
  ASSERT_TRUE(st.ok()) << st.message();
}

SandboxSpec SandboxFixture::Spec(const std::string& script,
                                 std::vector<SandboxMount> mounts) const {
  SandboxSpec s;
  s.lower_dirs = {P("lower")};
  s.upper_dir = P("upper");
  s.work_dir = FreshWorkDir();
  s.mount_dir = P("mnt");
  s.etc_dir = P("etc");
  s.argv = {"/bin/sh", "-c", script};
  s.env = {"PATH=/bin"};
  s.mounts = std::move(mounts);
  return s;
}

std::string SandboxFixture::FreshWorkDir() const {
  std::string dir = P("work/" + std::to_string(++work_dirs_));
  Status st = MakeDirs(dir);
  EXPECT_TRUE(st.ok()) << st.message();
  return dir;
}

std::string SandboxFixture::Run(const SandboxSpec& spec_in) const {
  // A fresh work dir for every run, as a step has: the overlay is volatile.
  SandboxSpec spec = spec_in;
  spec.work_dir = FreshWorkDir();
  std::string out;
  auto r = RunInSandbox(spec, [&](std::string_view c) { out.append(c); });
  if (!r.ok()) return "error: " + r.status().message();
  if (!r->success()) out += "exit " + std::to_string(r->exit_code) + "\n";
  return out;
}

std::vector<std::string> SandboxFixture::Tree(const std::string& dir) const {
  namespace fs = std::filesystem;
  std::vector<std::string> out;
  for (const auto& e : fs::recursive_directory_iterator(P(dir))) {
    out.push_back(e.path().lexically_relative(P(dir)));
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace mybuild::executor::testing
