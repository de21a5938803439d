#include "executor/ignore_whiteouts.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

#include <algorithm>
#include <filesystem>

#include "base/fd.h"
#include "base/temp_dir.h"
#include "frontend/ignore/matcher.h"

namespace mybuild::executor {
namespace {

namespace fs = std::filesystem;

// The whiteouts under `upper`, as relative paths.
std::vector<std::string> Whiteouts(const std::string& upper) {
  std::vector<std::string> out;
  for (const auto& e : fs::recursive_directory_iterator(upper)) {
    struct stat st;
    if (::lstat(e.path().c_str(), &st) == 0 && S_ISCHR(st.st_mode) &&
        st.st_rdev == makedev(0, 0)) {
      out.push_back(fs::relative(e.path(), upper));
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

TEST(IgnoreWhiteoutsTest, HidesExactlyWhatDockerignoreExcludes) {
  if (::geteuid() != 0) GTEST_SKIP() << "mknod of whiteouts needs root";
  auto d = TempDir::Create();
  ASSERT_TRUE(d.ok());
  const std::string ctx = d->path() + "/ctx", upper = d->path() + "/upper";
  for (const char* f :
       {"src/a.c", "src/a.log", "build/x.o", "build/keep/k", "build/sub/y.o",
        "node_modules/m/index.js", "README.md"}) {
    ASSERT_TRUE(MakeDirs(fs::path(ctx + "/" + f).parent_path()).ok());
    ASSERT_TRUE(WriteFileAtomic(ctx + "/" + f, "x").ok());
  }
  ASSERT_TRUE(MakeDirs(ctx + "/empty-ignored").ok());
  ASSERT_TRUE(MakeDirs(upper).ok());
  auto m = frontend::ignore::Matcher::Create(
      {"**/*.log", "build", "!build/keep", "node_modules", "empty-ignored"});
  ASSERT_TRUE(m.ok());
  auto excluded = [&](const std::string& p) { return m->Excluded(p); };
  auto n = WhiteoutExcluded(ctx, "", excluded, upper);
  ASSERT_TRUE(n.ok()) << n.status().message();
  // build/ stays (build/keep is re-included) but what is excluded in it is
  // hidden; node_modules/ is hidden whole.
  EXPECT_EQ(Whiteouts(upper),
            (std::vector<std::string>{"build/sub", "build/x.o", "empty-ignored",
                                      "node_modules", "src/a.log"}));
  EXPECT_EQ(*n, 5);
}

}  // namespace
}  // namespace mybuild::executor
