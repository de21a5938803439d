#include "frontend/dockerfile.h"

#include <gtest/gtest.h>

namespace mybuild::frontend {
namespace {

std::string ErrorOf(std::string_view text) {
  Expected<Dockerfile> df = ParseDockerfile(text, "Dockerfile");
  return df.ok() ? "ok" : df.status().message();
}

TEST(DockerfileTest, StagesAndGlobalArgs) {
  Expected<Dockerfile> df = ParseDockerfile(
      "# syntax=docker/dockerfile:1\n# check=skip=JSONArgsRecommended\n"
      "ARG BASE=alpine\nFROM --platform=$BUILDPLATFORM ${BASE} AS Build\n"
      "RUN make\nFROM scratch\nCOPY --from=build /out /\n",
      "Dockerfile");
  ASSERT_TRUE(df.ok()) << df.status().message();
  EXPECT_EQ(df->directives.syntax.value, "docker/dockerfile:1");
  EXPECT_EQ(df->directives.syntax.line, 1);
  EXPECT_EQ(df->directives.check.value, "skip=JSONArgsRecommended");
  ASSERT_EQ(df->global_args.size(), 1u);
  EXPECT_EQ(df->global_args[0].args[0].name, "BASE");
  EXPECT_EQ(df->global_args[0].args[0].default_value, "alpine");
  ASSERT_EQ(df->stages.size(), 2u);
  EXPECT_EQ(df->stages[0].name, "build");
  EXPECT_EQ(df->stages[0].base, "${BASE}");
  EXPECT_EQ(df->stages[0].platform, "$BUILDPLATFORM");
  EXPECT_EQ(df->stages[0].range.start_line, 4);
  EXPECT_EQ(df->stages[0].instructions.size(), 1u);
  EXPECT_EQ(df->stages[1].name, "");
  EXPECT_EQ(RangeOf(df->stages[1].instructions[0]).start_line, 7);
}

// A NUL would cut what the kernel reads (an argv word, an env entry) short
// without a word, so it is refused where it is written.
TEST(DockerfileTest, NulBytesAreRefused) {
  using namespace std::string_literals;
  EXPECT_EQ(ErrorOf("FROM a\nRUN echo a\0b; echo tail\n"s),
            "Dockerfile:2: NUL byte in line\n"
            "  2 | RUN echo a\\0b; echo tail");
  EXPECT_EQ(ErrorOf("FROM a\nRUN <<EOF\nx\0\nEOF\n"s),
            "Dockerfile:3: NUL byte in line\n"
            "  3 | x\\0");
  EXPECT_EQ(ErrorOf("FROM a\nENV A=1\nCMD [\"a\\u0000b\"]\n"),
            "Dockerfile:3: CMD argument 1 contains a NUL character\n"
            "  3 | CMD [\"a\\u0000b\"]");
  EXPECT_EQ(ErrorOf("FROM a\nRUN [\"sh\", \"-c\", \"x\\u0000\"]\n"),
            "Dockerfile:2: RUN argument 3 contains a NUL character\n"
            "  2 | RUN [\"sh\", \"-c\", \"x\\u0000\"]");
  EXPECT_EQ(ErrorOf("FROM a\nONBUILD ENTRYPOINT [\"\\u0000\"]\n"),
            "Dockerfile:2: ENTRYPOINT argument 1 contains a NUL character\n"
            "  2 | ONBUILD ENTRYPOINT [\"\\u0000\"]");
  Expected<Instruction> trigger = ParseOnbuildTrigger("RUN a\0b"s);
  ASSERT_FALSE(trigger.ok());
  EXPECT_EQ(trigger.status().message(),
            "ONBUILD trigger \"RUN a\\x00b\": line 1: NUL byte in line");
}

TEST(DockerfileTest, ErrorsNameFileAndLine) {
  EXPECT_EQ(ErrorOf("FROM a\nRUNN x\n"),
            "Dockerfile:2: unknown instruction \"RUNN\" (did you mean RUN?)\n"
            "  2 | RUNN x");
  EXPECT_EQ(ErrorOf("FROM a\n\n\n\n\n\nCOPY --chwon=1 a b\n"),
            "Dockerfile:7: unknown flag --chwon for COPY (did you mean "
            "--chown?)\n  7 | COPY --chwon=1 a b");
  EXPECT_EQ(ErrorOf("FROM a\nfrobnicate\n"),
            "Dockerfile:2: unknown instruction \"frobnicate\"\n"
            "  2 | frobnicate");
  EXPECT_EQ(ErrorOf("RUN x\nFROM a\n"),
            "Dockerfile:1: no FROM instruction before RUN\n  1 | RUN x");
  EXPECT_EQ(ErrorOf("ARG a\n"),
            "Dockerfile:1: no FROM instruction: there is no stage to build\n"
            "  1 | ARG a");
  EXPECT_EQ(ErrorOf(""), "Dockerfile:1: file with no instructions");
  EXPECT_EQ(ErrorOf("FROM a\nCMD [\"a\", \\\r\n  1]\r\n"),
            "Dockerfile:2: when using JSON array syntax, arrays must be "
            "comprised of strings only\n  2 | CMD [\"a\", \\\n  3 |   1]");
  EXPECT_EQ(ErrorOf("FROM a\nRUN <<EOF\nx\n"),
            "Dockerfile:2: unterminated heredoc\n  2 | RUN <<EOF\n  3 | x");
  EXPECT_EQ(ErrorOf("FROM a AS x\nFROM b AS X\n"),
            "Dockerfile:2: duplicate stage name \"x\"\n  2 | FROM b AS X");
  EXPECT_EQ(ErrorOf("FROM a AS 1x\n"),
            "Dockerfile:1: invalid name for build stage: \"1x\", name can't "
            "start with a number or contain symbols\n  1 | FROM a AS 1x");
  EXPECT_EQ(ErrorOf("FROM a b\n"),
            "Dockerfile:1: FROM requires either one or three arguments\n"
            "  1 | FROM a b");
}

Expected<Dockerfile> Lenient(std::string_view text) {
  return ParseDockerfile(text, "Dockerfile", ParseOptions{.lenient = true});
}

TEST(DockerfileTest, LenientKeepsWhatOnlyTheLinterReports) {
  Expected<Dockerfile> df = Lenient(
      "ARG V=1\nRUN early\nLABEL a=b\nFROM a AS x\nONBUILD ONBUILD RUN y\n"
      "ONBUILD FROM z\nONBUILD maintainer me\nFROM b AS x\n");
  ASSERT_TRUE(df.ok()) << df.status().message();
  ASSERT_EQ(df->global_args.size(), 1u);
  ASSERT_EQ(df->before_first_from.size(), 2u);
  EXPECT_EQ(std::get<RunInstruction>(df->before_first_from[0]).args,
            std::vector<std::string>{"early"});
  EXPECT_EQ(RangeOf(df->before_first_from[1]).start_line, 3);
  ASSERT_EQ(df->stages.size(), 2u);
  EXPECT_EQ(df->stages[0].name, "x");
  EXPECT_EQ(df->stages[1].name, "x");
  ASSERT_EQ(df->stages[0].instructions.size(), 3u);
  const auto& chained =
      std::get<OnbuildInstruction>(df->stages[0].instructions[0]);
  EXPECT_EQ(chained.trigger, "ONBUILD");
  EXPECT_EQ(chained.expression, "ONBUILD RUN y");
  EXPECT_EQ(std::get<OnbuildInstruction>(df->stages[0].instructions[1]).trigger,
            "FROM");
  EXPECT_EQ(std::get<OnbuildInstruction>(df->stages[0].instructions[2]).trigger,
            "MAINTAINER");
  // A strict parse of the same text still fails.
  EXPECT_EQ(ErrorOf("FROM a\nONBUILD FROM z\n"),
            "Dockerfile:2: FROM isn't allowed as an ONBUILD trigger\n"
            "  2 | ONBUILD FROM z");
}

TEST(DockerfileTest, LenientAllowsNoFromButNotOtherErrors) {
  Expected<Dockerfile> df = Lenient("RUN a\n");
  ASSERT_TRUE(df.ok()) << df.status().message();
  EXPECT_TRUE(df->stages.empty());
  EXPECT_EQ(df->before_first_from.size(), 1u);
  EXPECT_EQ(Lenient("FROM a\nRUNN x\n").status().message(),
            "Dockerfile:2: unknown instruction \"RUNN\" (did you mean RUN?)\n"
            "  2 | RUNN x");
  EXPECT_EQ(Lenient("FROM a AS 1x\n").status().message(),
            "Dockerfile:1: invalid name for build stage: \"1x\", name can't "
            "start with a number or contain symbols\n  1 | FROM a AS 1x");
  EXPECT_EQ(Lenient("RUN a\nONBUILD RUNN x\nFROM b\n").status().message(),
            "Dockerfile:2: unknown instruction \"RUNN\" (did you mean RUN?)\n"
            "  2 | ONBUILD RUNN x");
}

TEST(DockerfileTest, LongSpansAreCut) {
  EXPECT_EQ(ErrorOf("FROM a\nRUN --network=a \\\n" + std::string(6, '\\') +
                    "\n"),
            "Dockerfile:2: invalid value \"a\" for RUN --network (want default, "
            "none or host)\n  2 | RUN --network=a \\\n  3 | \\\\\\\\\\\\");
  std::string tall = "FROM a\nRUN --network=a \\\n";
  for (int i = 0; i < 6; ++i) tall += "b \\\n";
  tall += "c\n";
  EXPECT_EQ(ErrorOf(tall),
            "Dockerfile:2: invalid value \"a\" for RUN --network (want default, "
            "none or host)\n  2 | RUN --network=a \\\n  3 | b \\\n  4 | b \\\n"
            "  5 | b \\\n  6 | b \\\n  ...");
}

TEST(DockerfileTest, WarningsCarryOver) {
  Expected<Dockerfile> df =
      ParseDockerfile("FROM a\nRUN a \\\n\n  b\n", "Dockerfile");
  ASSERT_TRUE(df.ok());
  ASSERT_EQ(df->warnings.size(), 1u);
  EXPECT_EQ(df->warnings[0].message,
            "Empty continuation line found in: RUN a   b");
  EXPECT_EQ(df->warnings[0].range.start_line, 4);
}

TEST(DockerfileTest, OnbuildTriggerRoundTrip) {
  Expected<Dockerfile> df = ParseDockerfile(
      "FROM a\nONBUILD COPY <<EOF /x\nbody\nEOF\n", "Dockerfile");
  ASSERT_TRUE(df.ok());
  const auto& onbuild =
      std::get<OnbuildInstruction>(df->stages[0].instructions[0]);
  Expected<Instruction> trigger = ParseOnbuildTrigger(onbuild.expression);
  ASSERT_TRUE(trigger.ok()) << trigger.status().message();
  const auto& copy = std::get<CopyInstruction>(*trigger);
  EXPECT_EQ(copy.dest, "/x");
  ASSERT_EQ(copy.heredocs.size(), 1u);
  EXPECT_EQ(copy.heredocs[0].content, "body\n");
  EXPECT_EQ(ParseOnbuildTrigger("RUNN x").status().message(),
            "ONBUILD trigger \"RUNN x\": unknown instruction \"RUNN\" (did "
            "you mean RUN?)");
  EXPECT_EQ(ParseOnbuildTrigger("FROM x").status().message(),
            "ONBUILD trigger \"FROM x\": FROM isn't allowed as an ONBUILD "
            "trigger");
  EXPECT_EQ(ParseOnbuildTrigger("RUN a\nRUN b").status().message(),
            "ONBUILD trigger \"RUN a\": want exactly one instruction");
}

}  // namespace
}  // namespace mybuild::frontend
