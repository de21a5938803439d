// Golden plain and rawjson output of a build whose base is pulled from a
// real docker-registry on loopback and whose image is pushed back: the
// pull and the push are steps with their blobs' bytes.
//
// Normalised as the other goldens: durations become X.Xs, times T,
// digests sha256:D, byte counts N with their unit, the registry's port
// REG. The FROM's blobs arrive on their own thread while the build's steps
// go on, and blobs go up several at a time, so lines are grouped by step
// number (a step's own lines keep their order) and a run of blob lines is
// sorted; blob reports between a blob's first and its last (at most one
// per 100 ms) are left out.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <regex>
#include <sstream>

#include "cli/mybuild_fixture.h"
#include "registry/testing/local_registry.h"

namespace mybuild::cli {
namespace {

using registry::testing::CommandResult;
using registry::testing::LocalRegistry;

std::string Mask(std::string s, const std::string& host) {
  for (size_t at; (at = s.find(host)) != std::string::npos;) s.replace(at, host.size(), "REG");
  s = std::regex_replace(s, std::regex("sha256:[0-9a-f]{64}"), "sha256:D");
  s = std::regex_replace(s, std::regex("\\b[0-9]+\\.[0-9]s\\b"), "X.Xs");
  s = std::regex_replace(s, std::regex("\\b[0-9]+(\\.[0-9]+)?(B|kB|MB|GB)\\b"), "N$2");
  s = std::regex_replace(s, std::regex("\"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]+Z\""), "\"T\"");
  return s;
}

// Plain output, grouped by step (notes last), blob lines sorted in runs.
std::string Normalise(const std::string& out, const std::string& host) {
  std::map<int, std::vector<std::string>> steps;
  std::vector<std::string> notes;
  std::istringstream in(Mask(out, host));
  for (std::string line; std::getline(in, line);) {
    std::smatch m;
    if (!std::regex_match(line, m, std::regex("#([0-9]+) (.*)"))) {
      notes.push_back(line);
      continue;
    }
    std::string text = m[2];
    // A blob's report between its first (no time) and its last (done).
    if (text.starts_with("sha256:D ") && text.ends_with("s")) continue;
    steps[std::stoi(m[1])].push_back(line);
  }
  std::string result;
  for (auto& [id, lines] : steps) {
    for (size_t i = 0; i < lines.size();) {
      size_t j = i;
      while (j < lines.size() && lines[j].find(" sha256:D ") != std::string::npos) ++j;
      std::sort(lines.begin() + i, lines.begin() + j);
      i = j == i ? i + 1 : j;
    }
    for (const std::string& l : lines) result += l + "\n";
  }
  for (const std::string& n : notes) result += n + "\n";
  return result;
}

// rawjson, the same way: lines grouped by vertex in the order the vertexes
// first appear (notes last), runs of statuses sorted, byte counts N.
std::string NormaliseJson(const std::string& out, const std::string& host) {
  std::vector<std::string> order;
  std::map<std::string, std::vector<std::string>> vertexes;
  std::vector<std::string> notes;
  std::istringstream in(out);
  const std::regex key("\"(?:digest|vertex)\":\"(sha256:[0-9a-f]{64})\"");
  for (std::string line; std::getline(in, line);) {
    std::smatch m;
    if (!std::regex_search(line, m, key)) {
      notes.push_back(Mask(line, host));
      continue;
    }
    bool status = line.starts_with("{\"statuses\"");
    if (status && line.find("\"current\":0,") == std::string::npos &&
        line.find("\"completed\"") == std::string::npos) {
      continue;  // between a blob's first report and its last
    }
    if (!vertexes.count(m[1])) order.push_back(m[1]);
    vertexes[m[1]].push_back(
        std::regex_replace(Mask(line, host), std::regex("\":[1-9][0-9]*"), "\":N"));
  }
  std::string result;
  for (const std::string& v : order) {
    std::vector<std::string>& lines = vertexes[v];
    for (size_t i = 0; i < lines.size();) {
      size_t j = i;
      while (j < lines.size() && lines[j].find("{\"statuses\":[{\"id\":\"sha256:D") == 0) ++j;
      std::sort(lines.begin() + i, lines.begin() + j);
      i = j == i ? i + 1 : j;
    }
    for (const std::string& l : lines) result += l + "\n";
  }
  for (const std::string& n : notes) result += n + "\n";
  return result;
}

// The first two steps of every build FROM REG/base:1 in a fresh root: its
// lookup while planning, then its fetch with its one layer.
const std::string kBaseFetched =
    "#1 [internal] load metadata for REG/base:1\n"
    "#1 DONE X.Xs\n"
    "#2 FROM REG/base@sha256:D\n"
    "#2 sha256:D NB / NMB\n"
    "#2 sha256:D NMB / NMB X.Xs done\n"
    "#2 DONE X.Xs\n";

class TransferGoldenTest : public testing::MybuildTest {
 protected:
  void SetUp() override {
    MybuildTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    MYBUILD_REQUIRE_DOCKER_REGISTRY();
    auto reg = LocalRegistry::Start();
    ASSERT_TRUE(reg.ok()) << reg.status().message();
    reg_ = std::move(*reg);
    // The base: busybox in one layer, pushed from this root.
    ASSERT_TRUE(WriteFileAtomic(Ctx() + "/Dockerfile", "FROM scratch\nCOPY rootfs/ /\n").ok());
    Build({"-t", reg_->host() + "/base:1", "--push"});
    ASSERT_TRUE(MakeDirs(P("app")).ok());
    ASSERT_TRUE(WriteFileAtomic(P("app/Dockerfile"), "FROM " + reg_->host() +
                                                         "/base:1\nRUN echo app > /app\n")
                    .ok());
  }
  // Builds app/ in a second, empty root with `progress`, pushing it as
  // app:1; returns stderr.
  std::string BuildApp(const std::string& progress, const std::string& root,
                       const std::string& flags = "--push -t REG/app:1") {
    std::string f = flags;
    for (size_t at; (at = f.find("REG")) != std::string::npos;) f.replace(at, 3, reg_->host());
    CommandResult r = Sh(Binary() + " build --progress " + progress + " --lint off " + f +
                         " --root " + P(root) + " " + P("app") + " 2>" + P(root + ".err"));
    EXPECT_EQ(r.exit_code, 0) << r.output << *ReadFile(P(root + ".err"));
    return *ReadFile(P(root + ".err"));
  }
  std::unique_ptr<LocalRegistry> reg_;
};

TEST_F(TransferGoldenTest, PlainShowsThePullAndThePushAsSteps) {
  std::string out = BuildApp("plain", "plain");
  std::cout << out;  // in the test log, for a human eye
  EXPECT_EQ(Normalise(out, reg_->host()),
            kBaseFetched +
            "#3 [1/1] RUN echo app > /app\n"
            "#3 DONE X.Xs\n"
            "#4 pushing REG/app:1\n"
            "#4 pushing layers\n"
            "#4 sha256:D NB / NB\n"              // the RUN's layer: uploaded
            "#4 sha256:D NB / NB X.Xs done\n"
            "#4 sha256:D NMB / NMB done\n"       // the base's: mounted from base
            "#4 pushing layers X.Xs done\n"
            "#4 pushing manifest for REG/app:1@sha256:D\n"
            "#4 sha256:D NB / NB\n"              // the config
            "#4 sha256:D NB / NB X.Xs done\n"
            "#4 pushing manifest for REG/app:1@sha256:D X.Xs done\n"
            "#4 DONE X.Xs\n"
            "writing image sha256:D\n"
            "naming to REG/app:1\n");
}

TEST_F(TransferGoldenTest, CacheExportAndImportAreStepsToo) {
  std::string out = BuildApp("plain", "a", "--cache-to type=registry,ref=REG/cache:1");
  std::cout << out;
  EXPECT_EQ(Normalise(out, reg_->host()),
            kBaseFetched +
            "#3 [1/1] RUN echo app > /app\n"
            "#3 DONE X.Xs\n"
            "#4 exporting cache to type=registry,ref=REG/cache:1\n"
            "#4 sha256:D NB / NB\n"
            "#4 sha256:D NB / NB X.Xs done\n"
            "#4 sha256:D NB / NkB\n"
            "#4 sha256:D NkB / NkB X.Xs done\n"
            "#4 DONE X.Xs\n"
            "writing image sha256:D\n");
  // Another machine: the RUN's layer comes from the cache, in the background.
  out = BuildApp("plain", "b", "--cache-from type=registry,ref=REG/cache:1");
  std::cout << out;
  EXPECT_EQ(Normalise(out, reg_->host()),
            kBaseFetched +
            "#3 [1/1] RUN echo app > /app\n"
            "#3 CACHED\n"
            "#4 importing cache from type=registry,ref=REG/cache:1\n"
            "#4 sha256:D NB / NB\n"
            "#4 sha256:D NB / NB X.Xs done\n"
            "#4 DONE X.Xs\n"
            "writing image sha256:D\n");
}

// One image used as a stage's base, by COPY --from and as another stage's
// base is looked up once and fetched once, as BuildKit shows one step per
// distinct name.
TEST_F(TransferGoldenTest, OneMetadataStepAndOneFetchPerImage) {
  ASSERT_TRUE(MakeDirs(P("twice")).ok());
  std::string base = reg_->host() + "/base:1";
  ASSERT_TRUE(WriteFileAtomic(P("twice/Dockerfile"),
                              "FROM " + base + " AS one\n"
                              "RUN echo one > /one\n"
                              "FROM " + base + "\n"
                              "COPY --from=" + base + " /bin/busybox /b\n"
                              "COPY --from=one /one /one\n")
                  .ok());
  CommandResult r = Sh(Binary() + " build --progress plain --lint off --jobs 1 --root " +
                       P("twice-root") + " " + P("twice") + " 2>" + P("twice.err"));
  std::string out = *ReadFile(P("twice.err"));
  ASSERT_EQ(r.exit_code, 0) << r.output << out;
  std::cout << out;
  EXPECT_EQ(Normalise(out, reg_->host()),
            kBaseFetched +
            "#3 [one 1/1] RUN echo one > /one\n"
            "#3 DONE X.Xs\n"
            "#4 [stage-1 1/2] COPY --from=REG/base:1 /bin/busybox /b\n"
            "#4 DONE X.Xs\n"
            "#5 [stage-1 2/2] COPY --from=one /one /one\n"
            "#5 DONE X.Xs\n"
            "writing image sha256:D\n");
}

// `mybuild pull` and `push` with --progress plain; by default (not a
// terminal) they print nothing but their result. A pull's layers are
// unpacked under its step, each an "extracting" item after the bytes.
TEST_F(TransferGoldenTest, PullAndPushCommandsShowTheirStep) {
  std::string base = reg_->host() + "/base:1";
  CommandResult quiet = Sh(Binary() + " pull --root " + P("p") + " " + base + " 2>" + P("q.err"));
  ASSERT_EQ(quiet.exit_code, 0) << quiet.output;
  EXPECT_EQ(*ReadFile(P("q.err")), "");
  CommandResult pulled = Sh(Binary() + " pull --progress plain --root " + P("p2") + " " + base +
                            " 2>" + P("pull.err"));
  ASSERT_EQ(pulled.exit_code, 0) << pulled.output;
  EXPECT_EQ(Normalise(*ReadFile(P("pull.err")), reg_->host()),
            "#1 pulling REG/base:1\n"
            "#1 sha256:D NB / NB\n"              // the config
            "#1 sha256:D NB / NB X.Xs done\n"
            "#1 sha256:D NB / NMB\n"             // the layer
            "#1 sha256:D NMB / NMB X.Xs done\n"
            "#1 extracting sha256:D\n"           // then unpacked, as BuildKit
            "#1 extracting sha256:D X.Xs done\n" // shows it
            "#1 DONE X.Xs\n");
  // Pulled again into the same root: nothing to fetch nor to unpack.
  CommandResult again = Sh(Binary() + " pull --progress plain --root " + P("p2") + " " + base +
                           " 2>" + P("again.err"));
  ASSERT_EQ(again.exit_code, 0) << again.output;
  EXPECT_EQ(Normalise(*ReadFile(P("again.err")), reg_->host()),
            "#1 pulling REG/base:1\n"
            "#1 DONE X.Xs\n");
  CommandResult tagged = Sh(Binary() + " tag --root " + P("p2") + " " + base + " " +
                            reg_->host() + "/copy:1");
  ASSERT_EQ(tagged.exit_code, 0) << tagged.output;
  CommandResult pushed = Sh(Binary() + " push --progress plain --root " + P("p2") + " " +
                            reg_->host() + "/copy:1 2>" + P("push.err"));
  ASSERT_EQ(pushed.exit_code, 0) << pushed.output;
  EXPECT_EQ(Normalise(*ReadFile(P("push.err")), reg_->host()),
            "#1 pushing REG/copy:1\n"
            "#1 pushing layers\n"
            "#1 sha256:D NB / NMB\n"             // the layer (this process never
            "#1 sha256:D NMB / NMB X.Xs done\n"  // saw it in base: uploaded)
            "#1 pushing layers X.Xs done\n"
            "#1 pushing manifest for REG/copy:1@sha256:D\n"
            "#1 sha256:D NB / NB\n"              // the config
            "#1 sha256:D NB / NB X.Xs done\n"
            "#1 pushing manifest for REG/copy:1@sha256:D X.Xs done\n"
            "#1 DONE X.Xs\n");
}

TEST_F(TransferGoldenTest, RawJsonHasTheirVertexesAndStatuses) {
  std::string out = BuildApp("rawjson", "rawjson");
  std::cout << out;
  EXPECT_EQ(NormaliseJson(out, reg_->host()),
            R"({"vertexes":[{"digest":"sha256:D","name":"[internal] load metadata for REG/base:1","started":"T"}]}
{"vertexes":[{"digest":"sha256:D","name":"[internal] load metadata for REG/base:1","started":"T","completed":"T"}]}
{"vertexes":[{"digest":"sha256:D","name":"FROM REG/base@sha256:D","started":"T"}]}
{"statuses":[{"id":"sha256:D","vertex":"sha256:D","current":0,"total":N,"timestamp":"T","started":"T"}]}
{"statuses":[{"id":"sha256:D","vertex":"sha256:D","current":N,"total":N,"timestamp":"T","started":"T","completed":"T"}]}
{"vertexes":[{"digest":"sha256:D","name":"FROM REG/base@sha256:D","started":"T","completed":"T"}]}
{"vertexes":[{"digest":"sha256:D","name":"[1/1] RUN echo app > /app","started":"T"}]}
{"vertexes":[{"digest":"sha256:D","name":"[1/1] RUN echo app > /app","started":"T","completed":"T"}]}
{"vertexes":[{"digest":"sha256:D","name":"pushing REG/app:1","started":"T"}]}
{"statuses":[{"id":"pushing layers","vertex":"sha256:D","current":0,"total":0,"timestamp":"T","started":"T"}]}
{"statuses":[{"id":"sha256:D","vertex":"sha256:D","current":0,"total":N,"timestamp":"T","started":"T"}]}
{"statuses":[{"id":"sha256:D","vertex":"sha256:D","current":N,"total":N,"timestamp":"T","started":"T","completed":"T"}]}
{"statuses":[{"id":"sha256:D","vertex":"sha256:D","current":N,"total":N,"timestamp":"T","started":"T","completed":"T"}]}
{"statuses":[{"id":"pushing layers","vertex":"sha256:D","current":0,"total":0,"timestamp":"T","started":"T","completed":"T"}]}
{"statuses":[{"id":"pushing manifest for REG/app:1@sha256:D","vertex":"sha256:D","current":0,"total":0,"timestamp":"T","started":"T"}]}
{"statuses":[{"id":"sha256:D","vertex":"sha256:D","current":0,"total":N,"timestamp":"T","started":"T"}]}
{"statuses":[{"id":"sha256:D","vertex":"sha256:D","current":N,"total":N,"timestamp":"T","started":"T","completed":"T"}]}
{"statuses":[{"id":"pushing manifest for REG/app:1@sha256:D","vertex":"sha256:D","current":0,"total":0,"timestamp":"T","started":"T","completed":"T"}]}
{"vertexes":[{"digest":"sha256:D","name":"pushing REG/app:1","started":"T","completed":"T"}]}
{"notes":[{"message":"writing image sha256:D","timestamp":"T"}]}
{"notes":[{"message":"naming to REG/app:1","timestamp":"T"}]}
)");
}

}  // namespace
}  // namespace mybuild::cli
