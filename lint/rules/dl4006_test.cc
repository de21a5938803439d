#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "lint/rules/rule_testing.h"
#include "lint/rules/rules.h"

namespace mybuild::lint::rules {
namespace {

using Lines = std::vector<int>;
using testing::Described;
using testing::Hits;

TEST(DL4006Test, Fires) {
  EXPECT_EQ(Hits(Dl4006(),
                 "FROM a:1\n"
                 "RUN curl -fsSL u | sh\n"),
            (Lines{2}));
  EXPECT_EQ(Hits(Dl4006(),
                 "FROM a:1\n"
                 "SHELL [\"/bin/bash\", \"-c\"]\n"
                 "RUN a | b\n"),
            (Lines{3}));
}

TEST(DL4006Test, Clean) {
  EXPECT_EQ(Hits(Dl4006(),
                 "FROM a:1\n"
                 "SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\n"
                 "RUN a | b\n"),
            (Lines{}));
  EXPECT_EQ(Hits(Dl4006(),
                 "FROM a:1\n"
                 "RUN a || b\n"),
            (Lines{}));
  EXPECT_EQ(Hits(Dl4006(),
                 "FROM w:1\n"
                 "SHELL [\"pwsh\", \"-c\"]\n"
                 "RUN a | b\n"),
            (Lines{}));
}

// hadolint 2.15's DL4006.hs hasPipefailOption: only bash, zsh or ash, as
// written in its list, with -o (alone or among other flags) and pipefail;
// each FROM resets; a non-POSIX SHELL turns the check off.
TEST(DL4006Test, ShellsAsHadolint) {
  const std::string msg =
      " DL4006 Set the SHELL option -o pipefail before RUN with a pipe in it. "
      "If you are using /bin/sh in an alpine image or if your shell is "
      "symlinked to busybox then consider explicitly setting your SHELL to "
      "/bin/ash, or disable this check";
  EXPECT_EQ(Described(Dl4006(),
                      "FROM a:1\n"
                      "SHELL [\"/bin/sh\", \"-o\", \"pipefail\", \"-c\"]\n"
                      "RUN a | b\n"
                      "SHELL [\"/bin/bash\", \"-eo\", \"pipefail\", \"-c\"]\n"
                      "RUN a | b\n"
                      "RUN set -o pipefail && a | b\n"
                      "FROM a:1\n"
                      "RUN set -o pipefail && a | b\n"
                      "SHELL [\"ash\", \"-o\", \"pipefail\", \"-c\"]\n"
                      "RUN a | b\n"
                      "SHELL [\"/usr/bin/zsh\", \"-o\", \"pipefail\", \"-c\"]\n"
                      "RUN a | b\n"
                      "SHELL [\"powershell\", \"-Command\"]\n"
                      "RUN a | b\n"),
            (std::vector<std::string>{"3" + msg, "8" + msg, "12" + msg}));
}

}  // namespace
}  // namespace mybuild::lint::rules
