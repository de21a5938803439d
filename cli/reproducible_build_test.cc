// SOURCE_DATE_EPOCH through the binary: two builds of the same context on
// two fresh roots, a second apart, give the same image and the same OCI
// layout, byte for byte; without it they differ.
#include <chrono>
#include <thread>

#include "cli/mybuild_fixture.h"

namespace mybuild::cli {
namespace {

using testing::CommandResult;

class ReproducibleBuildTest : public testing::MybuildTest {
 protected:
  void SetUp() override {
    MybuildTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    ASSERT_TRUE(WriteFileAtomic(Ctx() + "/a.txt", "a\n").ok());
    ASSERT_TRUE(WriteFileAtomic(Ctx() + "/c.txt", "c\n").ok());
    ASSERT_TRUE(WriteFileAtomic(Ctx() + "/Dockerfile",
                                "FROM scratch\nCOPY rootfs/ /\n"
                                "RUN echo hi > /greeting && mkdir -p /data/made\n"
                                "COPY a.txt /data/new/\n"
                                "ADD c.txt /added/\n"
                                "CMD [\"/bin/cat\", \"/greeting\"]\n")
                    .ok());
  }
  // Builds on the fresh root NAME with `env` (e.g. SOURCE_DATE_EPOCH=...)
  // into an OCI layout NAME.oci; returns the image ID.
  std::string BuildOn(const std::string& name, const std::string& env) {
    CommandResult r = Run({"env", env, Binary(), "build", "--progress", "quiet",
                           "--root", P(name), "--iidfile", P(name + ".iid"), "-o",
                           "type=oci,dest=" + P(name + ".oci"), Ctx()});
    EXPECT_EQ(r.exit_code, 0) << r.output;
    Expected<std::string> id = ReadFile(P(name + ".iid"));
    return id.ok() ? *id : id.status().message();
  }
};

TEST_F(ReproducibleBuildTest, TwoFreshRootsGiveTheSameImageAndLayout) {
  std::string first = BuildOn("r1", "SOURCE_DATE_EPOCH=1700000000");
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  std::string second = BuildOn("r2", "SOURCE_DATE_EPOCH=1700000000");
  EXPECT_EQ(first, second);
  CommandResult diff = Sh("diff -r r1.oci r2.oci");
  EXPECT_EQ(diff.exit_code, 0) << diff.output;
  // The control: without the epoch the times differ, and so do the images.
  std::string third = BuildOn("r3", "TZ=UTC");
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  EXPECT_NE(third, BuildOn("r4", "TZ=UTC"));
}

TEST_F(ReproducibleBuildTest, ABadEpochIsAnError) {
  CommandResult r = Run({"env", "SOURCE_DATE_EPOCH=soon", Binary(), "build",
                         "--root", Root(), Ctx()});
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_NE(r.output.find("mybuild: SOURCE_DATE_EPOCH \"soon\" is not a number of "
                          "seconds since 1970\n"),
            std::string::npos)
      << r.output;
}

}  // namespace
}  // namespace mybuild::cli
