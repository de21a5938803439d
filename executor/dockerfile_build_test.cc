// From Dockerfile text to an image, through the frontend, the planner, the
// real context digester and the executor, then read back with umoci: the
// features of RUN --mount and COPY/ADD, checked in the tree another tool
// unpacks.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <sstream>

#include "base/fd.h"
#include "base/temp_dir.h"
#include "cache/context_digester.h"
#include "executor/build_executor.h"
#include "frontend/dockerfile.h"
#include "oci/image_layout.h"
#include "oci/manifest.h"
#include "oci/media_types.h"
#include "planner/plan_build.h"
#include "testdata/fixtures/busybox_rootfs.h"

namespace mybuild::executor {
namespace {

namespace fs = std::filesystem;

class NoImages : public planner::ImageConfigResolver {
 public:
  Expected<planner::ResolvedImage> Resolve(const std::string& ref) override {
    return NotFound("no registry in this test: " + ref);
  }
};

class QuietProgress : public Progress {
 public:
  void Started(const StepLabel&) override {}
  void Cached(const StepLabel&) override {}
  void Output(const StepLabel&, std::string_view c) override { output += c; }
  void Done(const StepLabel&, double) override {}
  void Note(std::string_view) override {}
  std::string output;
};

// "path type mode uid:gid [-> target | size]" for everything under `root`,
// sorted; hardlinked files say which earlier path they share an inode with.
std::string Tree(const std::string& root,
                 const std::vector<std::string>& dirs) {
  std::vector<std::string> lines;
  std::map<ino_t, std::string> inodes;
  for (const std::string& d : dirs) {
    std::vector<fs::path> paths;
    for (const auto& e : fs::recursive_directory_iterator(root + d))
      paths.push_back(e.path());
    std::sort(paths.begin(), paths.end());
    for (const fs::path& p : paths) {
      struct stat st;
      ::lstat(p.c_str(), &st);
      std::ostringstream line;
      line << p.string().substr(root.size()) << " " << std::oct
           << (st.st_mode & 07777) << std::dec << " " << st.st_uid << ":"
           << st.st_gid;
      if (S_ISDIR(st.st_mode)) line << " dir";
      if (S_ISLNK(st.st_mode)) line << " -> " << fs::read_symlink(p).string();
      if (S_ISREG(st.st_mode)) {
        auto [it, fresh] = inodes.emplace(
            st.st_ino, line.str().substr(0, line.str().find(' ')));
        line << " " << st.st_size << "B";
        if (!fresh) line << " =" << it->second;
      }
      lines.push_back(line.str());
    }
  }
  std::string out;
  for (const std::string& l : lines) out += l + "\n";
  return out;
}

class DockerfileBuildTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (::geteuid() != 0) GTEST_SKIP() << "needs root";
    if (std::system("umoci --version > /dev/null 2>&1") != 0)
      GTEST_SKIP() << "no umoci";
    auto d = TempDir::Create();
    ASSERT_TRUE(d.ok());
    dir_ = std::make_unique<TempDir>(std::move(*d));
    for (const char* p : {"ctx/rootfs", "ctx/data", "ctx/tree/etc"})
      ASSERT_TRUE(MakeDirs(P(p)).ok());
    Status st = mybuild::testing::MakeBusyboxRootfs(P("ctx/rootfs"));
    if (st.code() == ErrorCode::kNotFound) GTEST_SKIP() << st.message();
    ASSERT_TRUE(st.ok());
    ASSERT_TRUE(WriteFileAtomic(P("ctx/data/a.txt"), "A\n").ok());
    ASSERT_TRUE(WriteFileAtomic(P("ctx/data/b.md"), "B\n").ok());
    ASSERT_TRUE(WriteFileAtomic(P("ctx/tree/etc/conf"), "conf\n").ok());
    ASSERT_EQ(
        std::system(("tar -C " + P("ctx/tree") + " -cJf " + P("ctx/t.txz") +
                     " --owner=5 --group=6 --mtime=@0 etc")
                        .c_str()),
        0);
    ASSERT_TRUE(WriteFileAtomic(P("token"), "s3cret-token").ok());
  }
  std::string P(const std::string& p) { return dir_->path() + "/" + p; }

  // Builds `dockerfile` and unpacks the image with umoci into P("bundle").
  void BuildAndUnpack(const std::string& dockerfile, QuietProgress& progress) {
    auto df = frontend::ParseDockerfile(dockerfile, "Dockerfile");
    ASSERT_TRUE(df.ok()) << df.status().message();
    NoImages images;
    cache::ContextDigester digester(P("ctx"), nullptr);
    auto graph =
        planner::PlanBuild(*df, planner::BuildRequest{}, images, digester);
    ASSERT_TRUE(graph.ok()) << graph.status().message();
    ExecOptions o;
    o.context_dir = P("ctx");
    o.created = "2026-01-01T00:00:00Z";
    o.secrets = {{"tok", P("token"), ""}};
    cache::StorePaths store(P("root"));
    auto built = ExecuteBuild(*graph, store, o, progress);
    ASSERT_TRUE(built.ok()) << built.status().message();
    std::string manifest_json = *ReadFile(store.Blob(built->manifest));
    auto manifest = oci::Manifest::FromJson(manifest_json);
    ASSERT_TRUE(manifest.ok());
    auto layout = oci::ImageLayout::Open(P("layout"));
    ASSERT_TRUE(layout.ok());
    ASSERT_TRUE(
        layout->AddBlobFile(built->config, store.Blob(built->config)).ok());
    for (const oci::Descriptor& l : manifest->layers) {
      ASSERT_TRUE(layout->AddBlobFile(l.digest, store.Blob(l.digest)).ok());
    }
    ASSERT_TRUE(layout
                    ->AddManifest(manifest_json, oci::media::kOciManifest, "t",
                                  std::nullopt)
                    .ok());
    ASSERT_TRUE(layout->Commit().ok());
    ASSERT_EQ(std::system(("umoci unpack --image " + P("layout") + ":t " +
                           P("bundle") + " > /dev/null")
                              .c_str()),
              0);
  }
  std::unique_ptr<TempDir> dir_;
};

TEST_F(DockerfileBuildTest, MountsAndCopiesLandAsUmociReadsThem) {
  QuietProgress progress;
  BuildAndUnpack(
      "FROM scratch AS base\n"
      "COPY rootfs/ /\n"
      "FROM base AS builder\n"
      "RUN --mount=type=cache,target=/cache --mount=type=secret,id=tok "
      "mkdir /out && cp /run/secrets/tok /cache/seen && echo bin > /out/app && "
      "ln /out/app /out/app2 && chmod 700 /out/app\n"
      "FROM base\n"
      "COPY --from=builder --chmod=go=rX /out/ /opt/\n"
      "COPY --parents --exclude=*.md data/./a.txt data/b.md /docs/\n"
      "ADD --chown=7:8 t.txz /srv/\n"
      "RUN --mount=type=bind,source=data,target=/ctx cat /ctx/a.txt > /copied "
      "&& rm /bin/vi\n",
      progress);
  const std::string rootfs = P("bundle/rootfs");
  EXPECT_EQ(Tree(rootfs, {"/opt", "/docs", "/srv"}),
            "/opt/app 755 0:0 4B\n"
            "/opt/app2 755 0:0 4B =/opt/app\n"
            "/docs/a.txt 644 0:0 2B\n"
            "/srv/etc 755 7:8 dir\n"
            "/srv/etc/conf 644 7:8 5B\n");
  EXPECT_EQ(*ReadFile(rootfs + "/copied"), "A\n");
  for (const char* gone : {"/bin/vi", "/cache", "/run", "/ctx", "/docs/b.md"}) {
    struct stat st;
    EXPECT_NE(::lstat((rootfs + gone).c_str(), &st), 0) << gone;
  }
  // The secret reached the step (through the cache it copied it into) but
  // no layer, blob or history.
  std::string cached;
  for (const auto& e : fs::directory_iterator(P("root/cache-mounts"))) {
    if (e.is_directory()) cached += *ReadFile(e.path().string() + "/seen");
  }
  EXPECT_EQ(cached, "s3cret-token");
  EXPECT_EQ(std::system(("grep -rqa s3cret-token " + P("root/blobs") + " " +
                         P("root/snapshots") + " " + P("bundle"))
                            .c_str()),
            256)
      << "the secret is somewhere in the image";
}

}  // namespace
}  // namespace mybuild::executor
