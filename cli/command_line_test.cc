#include "cli/command_line.h"

#include <gtest/gtest.h>
#include <sys/resource.h>

namespace mybuild::cli {
namespace {

Host FakeHost(std::string root_env = "") {
  return Host{[root_env](const std::string& k) {
                return k == "MYBUILD_ROOT" ? root_env : std::string();
              },
              [](const std::string& p) { return p == "." || p == "ctx"; }};
}

Expected<CommandLine> Parse(std::vector<std::string> args,
                            std::string root_env = "") {
  return ParseCommandLine(args, FakeHost(root_env));
}

std::string Error(std::vector<std::string> args) {
  auto r = Parse(args);
  EXPECT_FALSE(r.ok());
  return r.ok() ? "" : r.status().message();
}

TEST(CommandLineTest, BuildWithEveryFlag) {
  auto cl = Parse({"build", "-t", "app:1", "--tag=app:latest", "-f", "ctx/D",
                   "--build-arg", "A=1", "--build-arg", "B", "--target", "t",
                   "--no-cache", "--push", "--iidfile", "id", "--progress",
                   "plain", "--root", "/r", "ctx"});
  ASSERT_TRUE(cl.ok()) << cl.status().message();
  EXPECT_EQ(cl->command, Command::kBuild);
  const BuildOptions& b = cl->build;
  EXPECT_EQ(b.context, "ctx");
  EXPECT_EQ(b.tags, (std::vector<std::string>{"app:1", "app:latest"}));
  EXPECT_EQ(b.file, "ctx/D");
  EXPECT_EQ(b.build_args, (std::vector<std::string>{"A=1", "B"}));
  EXPECT_EQ(b.target, "t");
  EXPECT_TRUE(b.no_cache);
  EXPECT_TRUE(b.push);
  EXPECT_EQ(b.iidfile, "id");
  EXPECT_EQ(b.progress, "plain");
  EXPECT_EQ(cl->root, "/r");
}

TEST(CommandLineTest, SecretsAndSshAgents) {
  Host host{[](const std::string& k) {
              return k == "SSH_AUTH_SOCK" ? std::string("/agent.sock")
                     : k == "GH_TOKEN"    ? std::string("t0ken")
                                          : std::string();
            },
            [](const std::string&) { return true; }};
  auto cl = ParseCommandLine(
      {"build", "--secret", "id=a,src=/s/a", "--secret=id=b,env=B_VAR",
       "--secret", "type=env,id=c,src=C_VAR", "--secret", "id=GH_TOKEN",
       "--secret", "id=plain", "--ssh", "default", "--ssh", "work=/w.sock", "."},
      host);
  ASSERT_TRUE(cl.ok()) << cl.status().message();
  EXPECT_EQ(cl->build.secrets,
            (std::vector<SecretFlag>{{"a", "/s/a", ""}, {"b", "", "B_VAR"},
                                     {"c", "", "C_VAR"}, {"GH_TOKEN", "", "GH_TOKEN"},
                                     {"plain", "plain", ""}}));
  EXPECT_EQ(cl->build.ssh, (std::map<std::string, std::string>{
                               {"default", "/agent.sock"}, {"work", "/w.sock"}}));
  EXPECT_EQ(Error({"build", "--secret", "src=/x", "."}),
            "invalid --secret \"src=/x\": secret missing ID");
  EXPECT_EQ(Error({"build", "--secret", "id=a,file=/x", "."}),
            "invalid --secret \"id=a,file=/x\": unexpected key 'file' in 'file=/x'");
  EXPECT_EQ(Error({"build", "--ssh", "default", "."}),
            "invalid --ssh \"default\": SSH_AUTH_SOCK is not set");
}

TEST(CommandLineTest, CacheFlags) {
  auto cl = Parse({"build", "--no-cache-filter", "builder,test", "--no-cache-filter=app",
                   "--explain", "--jobs", "3", "--normalize-perms", "."});
  ASSERT_TRUE(cl.ok()) << cl.status().message();
  EXPECT_EQ(cl->build.no_cache_filter,
            (std::vector<std::string>{"builder", "test", "app"}));
  EXPECT_TRUE(cl->build.explain);
  EXPECT_EQ(cl->build.jobs, 3);
  EXPECT_TRUE(cl->build.normalize_perms);
  auto plain = Parse({"."});
  EXPECT_FALSE(plain->build.explain);
  EXPECT_EQ(plain->build.jobs, 0);
  EXPECT_FALSE(plain->build.normalize_perms);
  EXPECT_FALSE(Parse({"build", "--jobs", "0", "."}).ok());
}

TEST(CommandLineTest, Pull) {
  auto cl = Parse({"pull", "--platform", "linux/arm64", "--retry", "1", "busybox@sha256:" +
                                                                         std::string(64, 'a')});
  ASSERT_TRUE(cl.ok()) << cl.status().message();
  EXPECT_EQ(cl->command, Command::kPull);
  EXPECT_EQ(cl->ref, "busybox@sha256:" + std::string(64, 'a'));
  EXPECT_EQ(cl->image.platform, "linux/arm64");
  EXPECT_EQ(cl->registry.retries, 1);
  EXPECT_EQ(Error({"pull"}), "pull takes 1 argument, not 0 (mybuild pull --help)");
}

// --pull as buildx (alone: always) and podman (=always|missing|never).
TEST(CommandLineTest, PullPolicy) {
  EXPECT_EQ(Parse({"."})->build.pull, PullPolicy::kMissing);
  EXPECT_EQ(Parse({"build", "--pull", "."})->build.pull, PullPolicy::kAlways);
  EXPECT_EQ(Parse({"build", "--pull=always", "."})->build.pull, PullPolicy::kAlways);
  EXPECT_EQ(Parse({"build", "--pull=missing", "."})->build.pull, PullPolicy::kMissing);
  EXPECT_EQ(Parse({"build", "--pull=never", "."})->build.pull, PullPolicy::kNever);
  EXPECT_EQ(Parse({"build", "--pull=true", "."})->build.pull, PullPolicy::kAlways);
  EXPECT_EQ(Parse({"build", "--pull=false", "."})->build.pull, PullPolicy::kMissing);
  auto spaced = Parse({"build", "--pull", "ctx"});
  EXPECT_EQ(spaced->build.pull, PullPolicy::kAlways);
  EXPECT_EQ(spaced->build.context, "ctx");
  EXPECT_EQ(Error({"build", "--pull=sometimes", "."}),
            "invalid --pull \"sometimes\": want always, missing or never");
}

TEST(CommandLineTest, RunTimeout) {
  EXPECT_EQ(Parse({"build", "--run-timeout", "30s", "."})->build.run_timeout_ms, 30000);
  EXPECT_EQ(Parse({"build", "--run-timeout=1m30s", "."})->build.run_timeout_ms, 90000);
  EXPECT_EQ(Parse({"."})->build.run_timeout_ms, 0);
  EXPECT_EQ(Error({"build", "--run-timeout", "5", "."}),
            "--run-timeout: time: missing unit in duration \"5\"");
  EXPECT_EQ(Error({"build", "--run-timeout", "0s", "."}),
            "--run-timeout: \"0s\" is not a positive duration");
  EXPECT_EQ(Error({"build", "--run-timeout", "-1m", "."}),
            "--run-timeout: \"-1m\" is not a positive duration");
}

TEST(CommandLineTest, BareContextMeansBuild) {
  auto cl = Parse({"-t", "app:1", "."});
  ASSERT_TRUE(cl.ok()) << cl.status().message();
  EXPECT_EQ(cl->command, Command::kBuild);
  EXPECT_EQ(cl->build.context, ".");
  EXPECT_EQ(Parse({"ctx"})->command, Command::kBuild);
}

TEST(CommandLineTest, RootDefaultsAndEnvironment) {
  EXPECT_EQ(Parse({"images"})->root, "/var/lib/mybuild");
  EXPECT_EQ(Parse({"images"}, "/state")->root, "/state");
  EXPECT_EQ(Parse({"images", "--root", "/x"}, "/state")->root, "/x");
}

TEST(CommandLineTest, RootlessDefaultIsTheUsersDataHome) {
  auto host = [](std::string xdg, std::string root_env) {
    return Host{[=](const std::string& k) {
                  if (k == "HOME") return std::string("/home/u");
                  if (k == "XDG_DATA_HOME") return xdg;
                  if (k == "MYBUILD_ROOT") return root_env;
                  return std::string();
                },
                [](const std::string&) { return false; }, true};
  };
  EXPECT_EQ(ParseCommandLine({"images"}, host("", ""))->root, "/home/u/.local/share/mybuild");
  EXPECT_EQ(ParseCommandLine({"images"}, host("/d", ""))->root, "/d/mybuild");
  EXPECT_EQ(ParseCommandLine({"images"}, host("/d", "/state"))->root, "/state");
  EXPECT_EQ(ParseCommandLine({"images", "--root", "/x"}, host("/d", ""))->root, "/x");
}

TEST(CommandLineTest, OtherCommands) {
  auto push = Parse({"push", "127.0.0.1:5000/app:1"});
  ASSERT_TRUE(push.ok());
  EXPECT_EQ(push->command, Command::kPush);
  EXPECT_EQ(push->ref, "127.0.0.1:5000/app:1");
  EXPECT_EQ(Parse({"version"})->command, Command::kVersion);
  EXPECT_EQ(Parse({"--version"})->command, Command::kVersion);
  auto lint = Parse({"lint", "--format", "json", "Dockerfile"});
  EXPECT_EQ(lint->command, Command::kLint);
  EXPECT_EQ(lint->args, (std::vector<std::string>{"--format", "json", "Dockerfile"}));
  auto dump = Parse({"debug", "dump-ast", "Dockerfile"});
  EXPECT_EQ(dump->command, Command::kDumpAst);
  EXPECT_EQ(dump->args, (std::vector<std::string>{"Dockerfile"}));
  auto graph = Parse({"debug", "dump-graph", "--target", "app", "--build-arg",
                      "A=1", "-f", "ctx/D", "ctx"});
  ASSERT_TRUE(graph.ok()) << graph.status().message();
  EXPECT_EQ(graph->command, Command::kDumpGraph);
  EXPECT_EQ(graph->build.context, "ctx");
  EXPECT_EQ(graph->build.target, "app");
  EXPECT_EQ(graph->build.file, "ctx/D");
  EXPECT_EQ(graph->build.build_args, (std::vector<std::string>{"A=1"}));
  EXPECT_EQ(Parse({"debug", "dump-graph", "--help"})->command, Command::kHelp);
}

TEST(CommandLineTest, StoreCommands) {
  EXPECT_EQ(Parse({"du", "--root", "/r"})->command, Command::kDu);
  auto prune = Parse({"prune", "-a", "--keep-storage", "1.5GB", "--filter", "until=24h"});
  ASSERT_TRUE(prune.ok()) << prune.status().message();
  EXPECT_EQ(prune->command, Command::kPrune);
  EXPECT_TRUE(prune->prune.all);
  EXPECT_EQ(prune->prune.keep_storage, 3LL << 29);
  EXPECT_EQ(prune->prune.until_seconds, 86400);
  auto plain = Parse({"prune"});
  EXPECT_FALSE(plain->prune.all);
  EXPECT_EQ(plain->prune.keep_storage, -1);
  EXPECT_EQ(plain->prune.until_seconds, 0);
  auto verify = Parse({"cache", "verify", "--repair"});
  ASSERT_TRUE(verify.ok()) << verify.status().message();
  EXPECT_EQ(verify->command, Command::kCacheVerify);
  EXPECT_TRUE(verify->repair);
  EXPECT_FALSE(Parse({"cache", "verify"})->repair);
  EXPECT_EQ(Error({"prune", "--keep-storage", "lots"}),
            "--keep-storage: invalid size \"lots\": use a number with an optional "
            "unit b, k, m, g or t");
  EXPECT_EQ(Error({"prune", "--filter", "until=1d"}),
            "--filter until=1d: time: unknown unit \"d\" in duration \"1d\"");
  EXPECT_EQ(Error({"prune", "--filter", "type=regular"}),
            "unsupported filter \"type=regular\" (only until=DURATION is)");
  EXPECT_EQ(Error({"cache"}), "usage: mybuild cache verify [--repair]");
  EXPECT_EQ(Error({"prnue"}), "unknown command \"prnue\" (did you mean prune?)");
  EXPECT_EQ(Error({"du", "--all"}), "unknown flag --all for du");
}

TEST(CommandLineTest, NetworkForEveryRun) {
  EXPECT_EQ(Parse({"build", "."})->build.network, "default");
  EXPECT_EQ(Parse({"build", "--network", "none", "."})->build.network, "none");
  EXPECT_EQ(Parse({"build", "--network=host", "."})->build.network, "host");
  EXPECT_EQ(Error({"build", "--network", "bridge", "."}),
            "--network: bridge not in {default,none,host} for build");
}

TEST(CommandLineTest, AllowAndAddHost) {
  EXPECT_FALSE(Parse({"build", "."})->build.allow_network_host);
  EXPECT_TRUE(Parse({"build", "--allow", "network.host", "."})->build.allow_network_host);
  EXPECT_EQ(Error({"build", "--allow=security.insecure", "."}),
            "--allow: unknown entitlement \"security.insecure\" (want network.host)");
  using P = std::pair<std::string, std::string>;
  EXPECT_EQ(Parse({"build", "--add-host", "db:10.0.0.5", "--add-host=v6:::1", "."})
                ->build.add_hosts,
            (std::vector<P>{{"db", "10.0.0.5"}, {"v6", "::1"}}));
  EXPECT_EQ(Error({"build", "--add-host", "db", "."}),
            "--add-host \"db\": want NAME:IP with an IPv4 or IPv6 address");
}

TEST(CommandLineTest, ResourceFlagsAsDockerBuildSpellsThem) {
  auto plain = Parse({"build", "."});
  EXPECT_EQ(plain->build.resources, executor::StepResources{});
  EXPECT_EQ(plain->build.resources.pids_limit, 4096);
  auto b = Parse({"build", "--pids-limit", "100", "-m", "512m", "--cpus=1.5",
                  "--shm-size", "1g", "--ulimit", "nofile=1024:2048", "--ulimit=core=-1", "."});
  ASSERT_TRUE(b.ok()) << b.status().message();
  EXPECT_EQ(b->build.resources.pids_limit, 100);
  EXPECT_EQ(b->build.resources.memory, 512 << 20);
  EXPECT_EQ(b->build.resources.cpu_quota, 150000);
  EXPECT_EQ(b->build.resources.cpu_period, 100000);
  EXPECT_EQ(b->build.resources.shm_size, uint64_t{1} << 30);
  ASSERT_EQ(b->build.ulimits.size(), 2u);
  EXPECT_EQ(b->build.ulimits[0].resource, RLIMIT_NOFILE);
  EXPECT_EQ(b->build.ulimits[0].soft, 1024u);
  EXPECT_EQ(b->build.ulimits[0].hard, 2048u);
  EXPECT_EQ(b->build.ulimits[1].soft, RLIM_INFINITY);
  EXPECT_EQ(Parse({"build", "--cpu-quota", "50000", "--cpu-period=50000", "."})->build.resources,
            (executor::StepResources{.cpu_quota = 50000, .cpu_period = 50000}));
  EXPECT_EQ(Error({"build", "--memory", "lots", "."}), "--memory: invalid size: \"lots\"");
  EXPECT_EQ(Error({"build", "--cpus", "0", "."}),
            "--cpus: \"0\" is not a positive number of CPUs");
  EXPECT_EQ(Error({"build", "--cpus", "1", "--cpu-quota", "1000", "."}),
            "--cpus and --cpu-quota cannot both be given");
  EXPECT_EQ(Error({"build", "--ulimit", "files=1", "."}), "--ulimit: invalid ulimit type: files");
  EXPECT_EQ(Error({"build", "--ulimit", "nofile=2:1", "."}),
            "--ulimit: ulimit soft limit must be less than or equal to hard limit: 2 > 1");
}

TEST(CommandLineTest, HelpEverywhere) {
  EXPECT_EQ(Parse({})->command, Command::kHelp);
  auto top = Parse({"--help"});
  EXPECT_NE(top->help.find("mybuild push REF"), std::string::npos);
  auto build = Parse({"build", "--help"});
  ASSERT_TRUE(build.ok());
  EXPECT_EQ(build->command, Command::kHelp);
  EXPECT_NE(build->help.find("--build-arg"), std::string::npos);
  EXPECT_EQ(Parse({"push", "--help"})->command, Command::kHelp);
}

TEST(CommandLineTest, UsageErrorsSuggest) {
  EXPECT_EQ(Error({"build", "--tga", "x", "."}),
            "unknown flag --tga for build (did you mean --tag?)");
  EXPECT_EQ(Error({"-t", "a", "--no-cahce", "."}),
            "unknown flag --no-cahce for build (did you mean --no-cache?)");
  EXPECT_EQ(Error({"biuld", "."}), "unknown command \"biuld\" (did you mean build?)");
  EXPECT_EQ(Error({"imgaes"}), "unknown command \"imgaes\" (did you mean images?)");
  EXPECT_EQ(Error({"build", ".", "extra"}),
            "unexpected argument \"extra\" for build");
  EXPECT_EQ(Error({"build", "--push", "."}), "--push needs at least one --tag");
  EXPECT_EQ(Error({"images", "--rot", "/x"}),
            "unknown flag --rot for images (did you mean --root?)");
  EXPECT_EQ(Error({"debug", "dump"}),
            "usage: mybuild debug dump-ast FILE | dump-graph [build flags] CONTEXT");
  EXPECT_EQ(Error({"debug", "dump-graph", "--tga", "x", "."}),
            "unknown flag --tga for build (did you mean --tag?)");
}

}  // namespace
}  // namespace mybuild::cli

namespace mybuild::cli {
namespace {

TEST(CommandLineTest, ImageCommands) {
  auto tag = Parse({"tag", "a:1", "b:2"});
  ASSERT_TRUE(tag.ok()) << tag.status().message();
  EXPECT_EQ(tag->command, Command::kTag);
  EXPECT_EQ(tag->args, (std::vector<std::string>{"a:1", "b:2"}));
  EXPECT_EQ(Parse({"rmi", "app:1", "app:2"})->command, Command::kRmi);
  auto images = Parse({"images", "-q", "--digests", "--no-trunc", "--format", "json", "app"});
  ASSERT_TRUE(images.ok()) << images.status().message();
  EXPECT_TRUE(images->image.quiet && images->image.digests && images->image.no_trunc);
  EXPECT_EQ(images->image.format, "json");
  auto save = Parse({"save", "-o", "x.tar", "--format", "oci", "a", "b"});
  ASSERT_TRUE(save.ok()) << save.status().message();
  EXPECT_EQ(save->image.output, "x.tar");
  EXPECT_EQ(save->image.archive_format, "oci");
  EXPECT_EQ(Parse({"load", "-i", "-"})->image.input, "-");
  EXPECT_EQ(Error({"tag", "a:1"}), "tag takes 2 arguments, not 1 (mybuild tag --help)");
  EXPECT_EQ(Error({"history"}), "history takes 1 argument, not 0 (mybuild history --help)");
  EXPECT_EQ(Error({"rmi"}), "rmi takes at least 1 argument, not 0 (mybuild rmi --help)");
  EXPECT_EQ(Error({"images", "--format", "yaml"}),
            "--format: must be json, table or a {{.Field}} template for images");
  EXPECT_EQ(Parse({"history", "--format", "{{.ID}}", "a"})->image.format, "{{.ID}}");
  EXPECT_EQ(Error({"images", "a", "b"}),
            "images takes at most 1 argument, not 2 (mybuild images --help)");
}

TEST(CommandLineTest, WordsThatAreNoCommandAndGlobalFlags) {
  EXPECT_EQ(Error({"histroy", "app:1"}), "unknown command \"histroy\" (did you mean history?)");
  EXPECT_EQ(Error({"nosuchdir"}), "unknown command \"nosuchdir\"");
  auto before = Parse({"--root", "/r", "images"});
  ASSERT_TRUE(before.ok()) << before.status().message();
  EXPECT_EQ(before->command, Command::kImages);
  EXPECT_EQ(before->root, "/r");
  EXPECT_EQ(Parse({"--root=/r", "rmi", "a"})->root, "/r");
  EXPECT_EQ(Parse({"rmi", "a", "--root", "/q"})->root, "/q");
  EXPECT_EQ(Parse({"--root", "/r", "-t", "a", "."})->build.context, ".");
  EXPECT_EQ(Parse({"build", "notadir"})->build.context, "notadir");
}

TEST(CommandLineTest, EverySubcommandHasHelp) {
  for (const char* c : {"build", "images", "history", "inspect", "tag", "rmi", "save", "load",
                        "push", "pull", "du", "prune", "cache", "version", "completion", "man"}) {
    auto cl = Parse({c, "--help"});
    ASSERT_TRUE(cl.ok()) << c << ": " << cl.status().message();
    EXPECT_NE(cl->help.find("Usage: mybuild " + std::string(c)), std::string::npos)
        << cl->help;
  }
  EXPECT_NE(Parse({"debug", "dump-ast", "--help"})->help.find("Usage: mybuild debug dump-ast"),
            std::string::npos);
  EXPECT_NE(Parse({"debug", "--help"})->help.find("Usage: mybuild debug"), std::string::npos);
  EXPECT_NE(Parse({"--help"})->help.find("  mybuild history REF "), std::string::npos);
}

TEST(CommandLineTest, LintModes) {
  EXPECT_EQ(Parse({"build", "."})->build.lint, "warn");
  EXPECT_EQ(Parse({"build", "--lint", "off", "."})->build.lint, "off");
  EXPECT_EQ(Parse({"build", "--lint=error", "."})->build.lint, "error");
  EXPECT_FALSE(Parse({"build", "--lint=fail", "."}).ok());
}

TEST(CommandLineTest, CompletionAndMan) {
  auto c = Parse({"completion", "zsh"});
  ASSERT_TRUE(c.ok()) << c.status().message();
  EXPECT_EQ(c->command, Command::kCompletion);
  EXPECT_EQ(c->args, std::vector<std::string>{"zsh"});
  EXPECT_EQ(Parse({"completion", "tcsh"}).status().message(),
            "completion: unknown shell \"tcsh\" (bash, zsh or fish)");
  EXPECT_FALSE(Parse({"completion"}).ok());
  EXPECT_EQ(Parse({"man"})->command, Command::kMan);
  EXPECT_EQ(Parse({"man", "build"})->args, std::vector<std::string>{"build"});
  EXPECT_EQ(Parse({"man", "-o", "/tmp/m"})->image.output, "/tmp/m");
}

TEST(CommandLineTest, SubcommandDocsFollowTheTable) {
  std::vector<SubcommandDoc> docs = SubcommandDocs();
  ASSERT_FALSE(docs.empty());
  EXPECT_EQ(docs[0].name, "build");
  for (const SubcommandDoc& d : docs) {
    EXPECT_NE(Parse({"--help"})->help.find("  mybuild " + d.usage), std::string::npos) << d.name;
    if (d.name != "lint") {
      EXPECT_FALSE(d.help.empty()) << d.name;
    }
  }
}

TEST(CommandLineTest, ProgressFlagWinsOverBuildkitProgress) {
  auto with_env = [](const std::string& value) {
    return Host{[value](const std::string& k) {
                  return k == "BUILDKIT_PROGRESS" ? value : std::string();
                },
                [](const std::string&) { return true; }};
  };
  EXPECT_EQ(ParseCommandLine({"build", "."}, with_env(""))->build.progress, "auto");
  EXPECT_EQ(ParseCommandLine({"build", "."}, with_env("rawjson"))->build.progress, "rawjson");
  EXPECT_EQ(ParseCommandLine({"build", "--progress=tty", "."}, with_env("plain"))->build.progress,
            "tty");
  EXPECT_EQ(ParseCommandLine({"build", "-q", "."}, with_env("plain"))->build.progress, "quiet");
  auto bad = ParseCommandLine({"build", "."}, with_env("fancy"));
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().message(),
            "BUILDKIT_PROGRESS=fancy: not a progress mode (auto, plain, tty, rawjson or quiet)");
  EXPECT_TRUE(ParseCommandLine({"build", "--progress", "plain", "."}, with_env("fancy")).ok());
  EXPECT_FALSE(Parse({"build", "--progress", "fancy", "."}).ok());
}

TEST(CommandLineTest, LabelAndQuiet) {
  auto cl = Parse({"build", "-q", "--label", "a=1", "--label=b", "--label", "c=x=y", "."});
  ASSERT_TRUE(cl.ok()) << cl.status().message();
  EXPECT_EQ(cl->build.progress, "quiet");
  EXPECT_EQ(cl->build.labels,
            (std::map<std::string, std::string>{{"a", "1"}, {"b", ""}, {"c", "x=y"}}));
  EXPECT_EQ(Error({"build", "--label", "=v", "."}), "invalid --label \"=v\": no key");
}

TEST(CommandLineTest, OutputFlags) {
  auto cl = Parse({"build", "-o", "type=oci,dest=x", "--output=type=docker,dest=-", "--load",
                   "--metadata-file", "m.json", "."});
  ASSERT_TRUE(cl.ok()) << cl.status().message();
  ASSERT_EQ(cl->build.outputs.size(), 3u);
  EXPECT_EQ(cl->build.outputs[1].type, exporter::OutputType::kDocker);
  EXPECT_EQ(cl->build.outputs[2].type, exporter::OutputType::kImage);
  EXPECT_EQ(cl->build.metadata_file, "m.json");
  EXPECT_EQ(Error({"build", "-o", "type=oci", "."}),
            "invalid --output \"type=oci\": dest is required for type=oci");
  EXPECT_EQ(Error({"build", "-o", "type=image,push=true", "."}),
            "type=image,push=true needs a name (--tag or name=)");
}

TEST(RegistryFlagsTest, LoginLogoutAndRegistryFlags) {
  Host host{[](const std::string&) { return std::string(); },
            [](const std::string&) { return true; }};
  auto login = ParseCommandLine({"login", "-u", "bob", "--password-stdin", "--authfile", "/a.json",
                                 "--insecure-registry", "r:5000", "quay.io"}, host);
  ASSERT_TRUE(login.ok()) << login.status().message();
  EXPECT_EQ(login->command, Command::kLogin);
  EXPECT_EQ(login->login.registry, "quay.io");
  EXPECT_EQ(login->login.username, "bob");
  EXPECT_TRUE(login->login.password_stdin);
  EXPECT_EQ(login->registry.authfile, "/a.json");
  EXPECT_EQ(login->registry.insecure, std::vector<std::string>{"r:5000"});
  EXPECT_EQ(ParseCommandLine({"login", "-u", "bob", "-p", "x", "--password-stdin", "q"}, host)
                .status().message(),
            "-p and --password-stdin exclude each other");
  EXPECT_EQ(ParseCommandLine({"login", "q"}, host).status().message(),
            "login needs a user name (-u USER)");
  auto logout = ParseCommandLine({"logout", "quay.io"}, host);
  EXPECT_EQ(logout->command, Command::kLogout);
  auto build = ParseCommandLine({"build", "--retry", "2", "--retry-delay", "1s", "--tls-verify=false",
                                 "--cert-dir", "/c", "--connect-timeout", "5",
                                 "--stall-timeout", "7", "."}, host);
  ASSERT_TRUE(build.ok()) << build.status().message();
  EXPECT_EQ(build->registry.retries, 2);
  EXPECT_EQ(build->registry.retry_delay_ms, 1000);
  EXPECT_FALSE(build->registry.tls_verify);
  EXPECT_EQ(build->registry.cert_dir, "/c");
  EXPECT_EQ(build->registry.connect_timeout_s, 5);
  EXPECT_EQ(build->registry.stall_timeout_s, 7);
  EXPECT_EQ(ParseCommandLine({"push", "--retry-delay", "5x", "r/a:1"}, host).status().message(),
            "--retry-delay: time: unknown unit \"x\" in duration \"5x\"");
}

}  // namespace
}  // namespace mybuild::cli
