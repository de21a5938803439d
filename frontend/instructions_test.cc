// The typed value of each instruction, and each instruction's own errors.
#include <gtest/gtest.h>

#include "frontend/dockerfile.h"

namespace mybuild::frontend {
namespace {

// Parses "FROM x" + `body` and returns the stage's only instruction.
template <typename T>
T One(const std::string& body) {
  Expected<Dockerfile> df = ParseDockerfile("FROM x\n" + body, "Dockerfile");
  EXPECT_TRUE(df.ok()) << df.status().message();
  if (!df.ok()) return T{};
  EXPECT_EQ(df->stages[0].instructions.size(), 1u);
  const T* t = std::get_if<T>(&df->stages[0].instructions[0]);
  EXPECT_NE(t, nullptr);
  return t ? *t : T{};
}

// The first line of the error for "FROM x" + `body`.
std::string Error(const std::string& body) {
  Expected<Dockerfile> df = ParseDockerfile("FROM x\n" + body, "Dockerfile");
  if (df.ok()) return "ok";
  std::string m = df.status().message();
  return m.substr(0, m.find('\n'));
}

using Strings = std::vector<std::string>;

TEST(InstructionsTest, Run) {
  RunInstruction r = One<RunInstruction>(
      "RUN --mount=type=cache,target=/c --network=none --security=insecure "
      "<<EOF\n\techo hi\nEOF\n");
  EXPECT_EQ(r.args, Strings{"<<EOF"});
  EXPECT_FALSE(r.json_form);
  ASSERT_EQ(r.heredocs.size(), 1u);
  EXPECT_EQ(r.heredocs[0].content, "\techo hi\n");
  ASSERT_EQ(r.mounts.size(), 1u);
  EXPECT_EQ(r.mounts[0].target, "/c");
  EXPECT_EQ(r.network, RunNetwork::kNone);
  EXPECT_EQ(r.security, RunSecurity::kInsecure);
  EXPECT_EQ(r.range.start_line, 2);
  EXPECT_EQ(r.range.end_line, 4);
  RunInstruction j = One<RunInstruction>("RUN [\"a\", \"b c\"]");
  EXPECT_EQ(j.args, (Strings{"a", "b c"}));
  EXPECT_TRUE(j.json_form);
  EXPECT_EQ(Error("RUN --mount=type=bnd,target=/x a"),
            "Dockerfile:2: invalid RUN --mount=type=bnd,target=/x: "
            "unsupported mount type \"bnd\" (did you mean bind?)");
  EXPECT_EQ(Error("RUN --security=x a"),
            "Dockerfile:2: invalid value \"x\" for RUN --security (want "
            "sandbox or insecure)");
  EXPECT_EQ(Error("RUN"), "Dockerfile:2: RUN requires at least one argument");
}

TEST(InstructionsTest, CopyAndAdd) {
  CopyInstruction c = One<CopyInstruction>(
      "COPY --from=build --chown=1:2 --chmod=u+x,go=r --link --parents "
      "--exclude=*.md --exclude=.git a <<-F b /dst/\n\tx\nF\n");
  EXPECT_FALSE(c.is_add);
  EXPECT_EQ(c.sources, (Strings{"a", "b"}));
  ASSERT_EQ(c.heredocs.size(), 1u);
  EXPECT_EQ(c.heredocs[0].name, "F");
  EXPECT_EQ(c.heredocs[0].content, "x\n");  // <<- strips leading tabs
  EXPECT_EQ(c.dest, "/dst/");
  EXPECT_EQ(c.from, "build");
  EXPECT_EQ(c.chown, "1:2");
  EXPECT_EQ(c.chmod, "u+x,go=r");
  EXPECT_TRUE(c.link);
  EXPECT_TRUE(c.parents);
  EXPECT_EQ(c.excludes, (Strings{"*.md", ".git"}));
  CopyInstruction a = One<CopyInstruction>(
      "ADD --checksum=sha256:" + std::string(64, 'a') +
      " --keep-git-dir --unpack=false --chmod=0755 https://x/y.tgz /z");
  EXPECT_TRUE(a.is_add);
  EXPECT_TRUE(a.keep_git_dir);
  EXPECT_EQ(a.unpack, false);
  EXPECT_EQ(a.chmod, "0755");
  EXPECT_EQ(Error("COPY a"),
            "Dockerfile:2: COPY requires at least two arguments, but only one "
            "was provided. Destination could not be determined");
  EXPECT_EQ(Error("COPY --chmod=999 a b"),
            "Dockerfile:2: invalid COPY --chmod=999: want an octal mode like "
            "755 or a symbolic one like u+x,go-w");
  EXPECT_EQ(Error("ADD --from=x a b"),
            "Dockerfile:2: unknown flag --from for ADD");
  EXPECT_EQ(Error("ADD --checksum=md5:00 a b"),
            "Dockerfile:2: invalid ADD --checksum=md5:00: want sha256:, "
            "sha384: or sha512: and hex digits");
  EXPECT_EQ(Error("COPY a <<EOF\nx\nEOF\n"),
            "Dockerfile:2: COPY cannot accept a heredoc as a destination");
}

TEST(InstructionsTest, EnvLabelArg) {
  EnvInstruction e = One<EnvInstruction>("ENV A=1 B=\"x y\" C=a\\ b");
  ASSERT_EQ(e.vars.size(), 3u);
  EXPECT_EQ(e.vars[1].key, "B");
  EXPECT_EQ(e.vars[1].value, "\"x y\"");  // quotes go at expansion time
  EXPECT_EQ(e.vars[2].value, "a\\ b");
  EnvInstruction legacy = One<EnvInstruction>("ENV PATH /a:/b c");
  EXPECT_EQ(legacy.vars[0].key, "PATH");
  EXPECT_EQ(legacy.vars[0].value, "/a:/b c");
  LabelInstruction l = One<LabelInstruction>("LABEL \"com.x\"=1 b=2");
  EXPECT_EQ(l.labels[0].key, "\"com.x\"");
  ArgInstruction a = One<ArgInstruction>("ARG A B=2 C=");
  ASSERT_EQ(a.args.size(), 3u);
  EXPECT_EQ(a.args[0].default_value, std::nullopt);
  EXPECT_EQ(a.args[1].default_value, "2");
  EXPECT_EQ(a.args[2].default_value, "");
  EXPECT_EQ(Error("ARG =x"), "Dockerfile:2: ARG names can not be blank");
  EXPECT_EQ(Error("ENV =x"), "Dockerfile:2: ENV names can not be blank");
  EXPECT_EQ(Error("ENV"), "Dockerfile:2: ENV requires at least one argument");
  EXPECT_EQ(Error("ENV --x=1 a=b"), "Dockerfile:2: unknown flag --x for ENV");
}

TEST(InstructionsTest, CommandLines) {
  CmdInstruction c = One<CmdInstruction>("CMD echo hi");
  EXPECT_EQ(c.args, Strings{"echo hi"});
  EXPECT_FALSE(c.json_form);
  EXPECT_TRUE(One<EntrypointInstruction>("ENTRYPOINT [\"/e\"]").json_form);
  EXPECT_EQ(One<ShellInstruction>("SHELL [\"pwsh\", \"-c\"]").args,
            (Strings{"pwsh", "-c"}));
  EXPECT_EQ(Error("SHELL pwsh -c"),
            "Dockerfile:2: SHELL requires the arguments to be in JSON form");
  EXPECT_EQ(Error("SHELL []"),
            "Dockerfile:2: SHELL requires at least one argument");
}

TEST(InstructionsTest, OneArgumentInstructions) {
  EXPECT_EQ(One<WorkdirInstruction>("WORKDIR /a b").path, "/a b");
  EXPECT_EQ(One<UserInstruction>("USER app:app").user, "app:app");
  EXPECT_EQ(One<StopSignalInstruction>("STOPSIGNAL SIGTERM").signal,
            "SIGTERM");
  EXPECT_EQ(One<MaintainerInstruction>("MAINTAINER Me <me@x>").maintainer,
            "Me <me@x>");
  EXPECT_EQ(One<ExposeInstruction>("EXPOSE 80 53/udp").ports,
            (Strings{"80", "53/udp"}));
  EXPECT_EQ(One<VolumeInstruction>("VOLUME [\"/a\", \"/b\"]").paths,
            (Strings{"/a", "/b"}));
  EXPECT_EQ(Error("WORKDIR"),
            "Dockerfile:2: WORKDIR requires exactly one argument");
  EXPECT_EQ(Error("EXPOSE"), "Dockerfile:2: EXPOSE requires at least one argument");
  EXPECT_EQ(Error("VOLUME [\" \"]"),
            "Dockerfile:2: VOLUME specified can not be an empty string");
}

TEST(InstructionsTest, Healthcheck) {
  HealthcheckInstruction h = One<HealthcheckInstruction>(
      "HEALTHCHECK --interval=30s --timeout=1m30s --start-period=1s "
      "--start-interval=500ms --retries=3 CMD curl -f http://x/");
  EXPECT_EQ(h.test, (Strings{"CMD-SHELL", "curl -f http://x/"}));
  EXPECT_EQ(h.interval_ns, 30000000000);
  EXPECT_EQ(h.timeout_ns, 90000000000);
  EXPECT_EQ(h.start_period_ns, 1000000000);
  EXPECT_EQ(h.start_interval_ns, 500000000);
  EXPECT_EQ(h.retries, 3);
  EXPECT_EQ(One<HealthcheckInstruction>("HEALTHCHECK CMD [\"a\", \"b\"]").test,
            (Strings{"CMD", "a", "b"}));
  EXPECT_TRUE(One<HealthcheckInstruction>("HEALTHCHECK none").none);
  EXPECT_EQ(Error("HEALTHCHECK --interval=5 CMD x"),
            "Dockerfile:2: invalid HEALTHCHECK --interval: time: missing unit "
            "in duration \"5\"");
  EXPECT_EQ(Error("HEALTHCHECK --timeout=0s CMD x"),
            "Dockerfile:2: HEALTHCHECK --timeout cannot be less than 1ms");
  EXPECT_EQ(Error("HEALTHCHECK --retries=0 CMD x"),
            "Dockerfile:2: HEALTHCHECK --retries must be at least 1 (not 0)");
  EXPECT_EQ(Error("HEALTHCHECK NONE x"),
            "Dockerfile:2: HEALTHCHECK NONE takes no arguments");
  EXPECT_EQ(Error("HEALTHCHECK CONNECT x"),
            "Dockerfile:2: unknown type \"CONNECT\" in HEALTHCHECK (try CMD)");
  EXPECT_EQ(Error("HEALTHCHECK CMD"),
            "Dockerfile:2: missing command after HEALTHCHECK CMD");
  EXPECT_EQ(Error("HEALTHCHECK --intervl=1s CMD x"),
            "Dockerfile:2: unknown flag --intervl for HEALTHCHECK (did you "
            "mean --interval?)");
}

TEST(InstructionsTest, Onbuild) {
  OnbuildInstruction o = One<OnbuildInstruction>("onbuild  RUN echo hi");
  EXPECT_EQ(o.trigger, "RUN");
  EXPECT_EQ(o.expression, "RUN echo hi");
  OnbuildInstruction h = One<OnbuildInstruction>(
      "ONBUILD COPY <<EOF /x\nbody\nEOF\n");
  EXPECT_EQ(h.expression, "COPY <<EOF /x\nbody\nEOF");
  EXPECT_EQ(Error("ONBUILD ONBUILD RUN x"),
            "Dockerfile:2: Chaining ONBUILD via `ONBUILD ONBUILD` isn't "
            "allowed");
  EXPECT_EQ(Error("ONBUILD FROM x"),
            "Dockerfile:2: FROM isn't allowed as an ONBUILD trigger");
  EXPECT_EQ(Error("ONBUILD COPY --chwon=1 a b"),
            "Dockerfile:2: unknown flag --chwon for COPY (did you mean "
            "--chown?)");
  EXPECT_EQ(Error("ONBUILD RUNN x"),
            "Dockerfile:2: unknown instruction \"RUNN\" (did you mean RUN?)");
  EXPECT_EQ(Error("ONBUILD"), "Dockerfile:2: ONBUILD requires at least one argument");
}

}  // namespace
}  // namespace mybuild::frontend
