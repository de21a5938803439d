// RUN and COPY/ADD heredocs as planned: argv, inline files, expansion, keys.
#include <gtest/gtest.h>

#include "planner/plan_build.h"
#include "planner/testing/library_images.h"

namespace mybuild::planner {
namespace {

using AnyImage = testing::LibraryImages;

class NamedSources : public SourceDigester {
 public:
  Expected<std::string> Digest(const std::vector<std::string>& s) override {
    std::string all;
    for (const std::string& x : s) all += x + ";";
    return all;
  }
};

using Strings = std::vector<std::string>;

// The last step of the last stage of `text`.
Step Last(const std::string& text) {
  AnyImage images;
  NamedSources sources;
  auto df = frontend::ParseDockerfile(text, "Dockerfile");
  EXPECT_TRUE(df.ok()) << df.status().message();
  if (!df.ok()) return Step{};
  auto g = PlanBuild(*df, BuildRequest{}, images, sources);
  EXPECT_TRUE(g.ok()) << g.status().message();
  if (!g.ok()) return Step{};
  return g->stages[g->target].steps.back();
}

TEST(HeredocPlanTest, RunArgvForEachForm) {
  Step s = Last("FROM busybox\nARG X=1\nRUN <<EOF\necho a\necho $X\nEOF\n");
  EXPECT_EQ(s.run.argv, (Strings{"/bin/sh", "-c", "echo a\necho $X\n"}));
  EXPECT_TRUE(s.run.files.empty());
  EXPECT_EQ(s.created_by, "RUN |1 X=1 /bin/sh -c echo a\necho $X\n # buildkit");
  s = Last("FROM busybox\nRUN sh <<EOF\necho a\nEOF\n");
  EXPECT_EQ(s.run.argv, (Strings{"/bin/sh", "-c", "sh <<EOF\necho a\nEOF"}));
  s = Last("FROM busybox\nRUN cat <<EOF > /out\nline\nEOF\n");
  EXPECT_EQ(s.run.argv, (Strings{"/bin/sh", "-c", "cat <<EOF > /out\nline\nEOF"}));
  s = Last("FROM busybox\nRUN <<-EOF\n\techo tab\n\tEOF\n");
  EXPECT_EQ(s.run.argv, (Strings{"/bin/sh", "-c", "echo tab\n"}));
  s = Last("FROM busybox\nSHELL [\"/bin/ash\", \"-ec\"]\nRUN <<S\nexit 0\nS\n");
  EXPECT_EQ(s.run.argv, (Strings{"/bin/ash", "-ec", "exit 0\n"}));
}

TEST(HeredocPlanTest, ShebangRunGetsAFile) {
  Step s = Last("FROM busybox\nRUN <<PY\n#!/usr/bin/python3\nprint(1)\nPY\n");
  EXPECT_EQ(s.run.argv, (Strings{"/bin/sh", "-c", "/dev/pipes/PY"}));
  EXPECT_EQ(s.run.files,
            (std::vector<InlineFile>{{"PY", "#!/usr/bin/python3\nprint(1)\n"}}));
  EXPECT_EQ(s.inputs.back(),
            (StepInput{"heredoc PY", "#!/usr/bin/python3\nprint(1)\n"}));
}

TEST(HeredocPlanTest, KeysFollowTheContent) {
  const std::string a = Last("FROM busybox\nRUN <<EOF\necho a\nEOF\n").cache_key;
  const std::string b = Last("FROM busybox\nRUN <<EOF\necho b\nEOF\n").cache_key;
  const std::string fa =
      Last("FROM busybox\nRUN <<EOF\n#!/bin/sh\necho a\nEOF\n").cache_key;
  const std::string fb =
      Last("FROM busybox\nRUN <<EOF\n#!/bin/sh\necho b\nEOF\n").cache_key;
  const std::string ca = Last("FROM busybox\nCOPY <<EOF /x\na\nEOF\n").cache_key;
  const std::string cb = Last("FROM busybox\nCOPY <<EOF /x\nb\nEOF\n").cache_key;
  for (const std::string* k : {&a, &b, &fa, &fb, &ca, &cb}) EXPECT_EQ(k->size(), 64u);
  EXPECT_NE(a, b);
  EXPECT_NE(fa, fb);  // argv is the same: the file's content decides
  EXPECT_NE(ca, cb);
  EXPECT_EQ(a, Last("FROM busybox\nRUN <<X\necho a\nX\n").cache_key);
}

TEST(HeredocPlanTest, CopyHeredocsAreExpandedUnlessQuoted) {
  Step s = Last(
      "FROM busybox\nARG NAME=world\nENV HOME=/root\n"
      "COPY --chmod=755 --chown=1:2 a <<EOF <<'RAW' /dest/\n"
      "hi $NAME \"${HOME}\" '$NAME' \\$NAME\nEOF\n$NAME\nRAW\n");
  EXPECT_EQ(s.copy.sources, (Strings{"a"}));
  EXPECT_EQ(s.copy.inline_sources,
            (std::vector<InlineFile>{
                {"EOF", "hi world \"/root\" 'world' $NAME\n"},
                {"RAW", "$NAME\n"}}));
  EXPECT_EQ(s.copy.dest, "/dest/");
  EXPECT_EQ(s.copy.chmod, "755");
  EXPECT_EQ(s.copy.chown, "1:2");
  EXPECT_EQ(s.inputs_digest, "a;");
  s = Last("FROM busybox\nWORKDIR /w\nADD <<-EOF conf\n\tk=v\n\tEOF\n");
  EXPECT_TRUE(s.copy.is_add);
  EXPECT_TRUE(s.copy.sources.empty());
  EXPECT_EQ(s.copy.inline_sources, (std::vector<InlineFile>{{"EOF", "k=v\n"}}));
  EXPECT_EQ(s.copy.dest, "/w/conf");
  EXPECT_EQ(s.inputs_digest, "");
}

TEST(HeredocPlanTest, HeredocFilesNeedAFileName) {
  AnyImage images;
  NamedSources sources;
  auto plan = [&](const std::string& text) {
    auto df = frontend::ParseDockerfile(text, "Dockerfile");
    EXPECT_TRUE(df.ok()) << df.status().message();
    return PlanBuild(*df, BuildRequest{}, images, sources).status().message();
  };
  EXPECT_EQ(plan("FROM busybox\nCOPY <<../../x /d/\nhi\n../../x\n"),
            "Dockerfile:2: heredoc name \"../../x\" cannot name a file");
  EXPECT_EQ(plan("FROM busybox\nRUN <<..\n#!/bin/sh\n..\n"),
            "Dockerfile:2: heredoc name \"..\" cannot name a file");
  // Run by the shell, a body needs no file name.
  EXPECT_EQ(plan("FROM busybox\nRUN <<a/b\ntrue\na/b\n"), "");
}

}  // namespace
}  // namespace mybuild::planner
