#include "executor/dockerfile_test_support.h"

#include "testdata/fixtures/busybox_rootfs.h"

#include <unistd.h>

#include <sys/stat.h>
#include <sys/xattr.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <sstream>

#include "base/fd.h"
#include "cache/context_digester.h"
#include "frontend/dockerfile.h"
#include "oci/image_layout.h"
#include "oci/manifest.h"
#include "oci/media_types.h"
#include "planner/plan_build.h"
#include "cache/lazy_layers.h"

namespace mybuild::executor::testing {

void BuildTest::SetUpBuild(bool busybox, bool umoci) {
  if (::geteuid() != 0) GTEST_SKIP() << "needs root";
  if (umoci && std::system("umoci --version > /dev/null 2>&1") != 0) {
    GTEST_SKIP() << "no umoci";
  }
  auto d = TempDir::Create();
  ASSERT_TRUE(d.ok());
  dir_ = std::make_unique<TempDir>(std::move(*d));
  ASSERT_TRUE(MakeDirs(P(busybox ? "ctx/rootfs" : "ctx")).ok());
  if (!busybox) return;
  Status st = mybuild::testing::MakeBusyboxRootfs(P("ctx/rootfs"));
  if (st.code() == ErrorCode::kNotFound) GTEST_SKIP() << st.message();
  ASSERT_TRUE(st.ok()) << st.message();
}
planner::Step CopyStepOf(std::string src, std::string dest, int line) {
  planner::Step s;
  s.kind = planner::StepKind::kCopy;
  s.file = "Dockerfile";
  s.line = line;
  s.text = "COPY " + src + " " + dest;
  s.created_by = s.text;
  s.copy.sources = {std::move(src)};
  s.copy.dest = std::move(dest);
  return s;
}

planner::Step RunStepOf(std::vector<std::string> argv, int line) {
  planner::Step s;
  s.kind = planner::StepKind::kRun;
  s.file = "Dockerfile";
  s.line = line;
  s.text = "RUN " + argv.back();
  s.created_by = "RUN";
  for (const std::string& word : argv) s.created_by += " " + word;
  s.run.argv = std::move(argv);
  s.run.workdir = "/";
  return s;
}

namespace {

namespace fs = std::filesystem;

class NoImages : public planner::ImageConfigResolver {
 public:
  Expected<planner::ResolvedImage> Resolve(const std::string& ref) override {
    return NotFound("no registry in this test: " + ref);
  }
};

std::string Hex(const std::string& bytes) {
  static const char kDigits[] = "0123456789abcdef";
  std::string out;
  for (unsigned char c : bytes) {
    out += kDigits[c >> 4];
    out += kDigits[c & 15];
  }
  return out;
}

// "  name=hex" lines for each extended attribute of `path`, sorted.
std::string Xattrs(const std::string& path) {
  std::string names(4096, '\0');
  ssize_t n = ::llistxattr(path.c_str(), names.data(), names.size());
  std::vector<std::string> lines;
  for (size_t i = 0; n > 0 && i < static_cast<size_t>(n);) {
    std::string name(names.c_str() + i);
    i += name.size() + 1;
    std::string value(4096, '\0');
    ssize_t len =
        ::lgetxattr(path.c_str(), name.c_str(), value.data(), value.size());
    value.resize(len > 0 ? len : 0);
    lines.push_back("  " + name + "=" + Hex(value) + "\n");
  }
  std::sort(lines.begin(), lines.end());
  std::string out;
  for (const std::string& l : lines) out += l;
  return out;
}

}  // namespace

std::string Tree(const std::string& root,
                 const std::vector<std::string>& dirs) {
  std::string out;
  std::map<ino_t, std::string> inodes;
  for (const std::string& d : dirs) {
    std::vector<fs::path> paths;
    for (const auto& e : fs::recursive_directory_iterator(root + d))
      paths.push_back(e.path());
    std::sort(paths.begin(), paths.end());
    for (const fs::path& p : paths) {
      struct stat st;
      ::lstat(p.c_str(), &st);
      std::string rel = p.string().substr(root.size());
      std::ostringstream line;
      line << rel << " " << std::oct << (st.st_mode & 07777) << std::dec << " "
           << st.st_uid << ":" << st.st_gid;
      if (S_ISDIR(st.st_mode)) line << " dir";
      if (S_ISLNK(st.st_mode)) line << " -> " << fs::read_symlink(p).string();
      if (S_ISREG(st.st_mode)) {
        auto [it, fresh] = inodes.emplace(st.st_ino, rel);
        line << " " << st.st_size << "B";
        if (!fresh) line << " =" << it->second;
      }
      out += line.str() + "\n" + Xattrs(p);
    }
  }
  return out;
}

Expected<BuiltImage> BuildDockerfile(const std::string& dockerfile,
                                     const std::string& context_dir,
                                     const std::string& store_root,
                                     ExecOptions options, Progress& progress) {
  ASSIGN_OR_RETURN(frontend::Dockerfile df,
                   frontend::ParseDockerfile(dockerfile, "Dockerfile"));
  NoImages images;
  cache::ContextDigester digester(context_dir, options.excluded);
  ASSIGN_OR_RETURN(
      planner::BuildGraph graph,
      planner::PlanBuild(df, planner::BuildRequest{}, images, digester));
  options.context_dir = context_dir;
  options.created = "2026-01-01T00:00:00Z";
  return ExecuteBuild(graph, cache::StorePaths(store_root), options, progress);
}

std::string StoredLayer(const cache::StorePaths& store, const oci::Digest& layer) {
  if (!cache::MaterializeLayer(store, layer).ok()) return "";
  return store.Blob(layer);
}

Status UnpackWithUmoci(const BuiltImage& image, const std::string& store_root,
                       const std::string& layout_dir,
                       const std::string& bundle_dir) {
  cache::StorePaths store(store_root);
  ASSIGN_OR_RETURN(std::string manifest_json,
                   ReadFile(store.Blob(image.manifest)));
  ASSIGN_OR_RETURN(oci::Manifest manifest,
                   oci::Manifest::FromJson(manifest_json));
  ASSIGN_OR_RETURN(oci::ImageLayout layout, oci::ImageLayout::Open(layout_dir));
  RETURN_IF_ERROR(layout.AddBlobFile(image.config, store.Blob(image.config)));
  for (const oci::Descriptor& l : manifest.layers) {
    RETURN_IF_ERROR(cache::MaterializeLayer(store, l.digest));
    RETURN_IF_ERROR(layout.AddBlobFile(l.digest, store.Blob(l.digest)));
  }
  RETURN_IF_ERROR(layout
                      .AddManifest(manifest_json, oci::media::kOciManifest,
                                   "t", std::nullopt)
                      .status());
  RETURN_IF_ERROR(layout.Commit());
  std::string cmd = "umoci unpack --image " + layout_dir + ":t " + bundle_dir +
                    " > /dev/null";
  int rc = std::system(cmd.c_str());
  if (rc != 0) return Internal(cmd + ": exit status " + std::to_string(rc));
  return Status::Ok();
}

}  // namespace mybuild::executor::testing
