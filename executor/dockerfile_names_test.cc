// File names are bytes: a context file whose name is not UTF-8 is copied
// with its exact name, through the cache key, the step record and the
// layer tar.
#include <gtest/gtest.h>
#include <unistd.h>

#include "base/fd.h"
#include "base/temp_dir.h"
#include "cache/context_digester.h"
#include "cache/store_paths.h"
#include "executor/dockerfile_test_support.h"
#include "oci/layer_reader.h"
#include "oci/manifest.h"

namespace mybuild::executor {
namespace {

using testing::BuildDockerfile;
using testing::RecordingProgress;

// The path of each entry of a layer blob, one a line.
std::string Paths(const std::string& blob) {
  auto r = oci::LayerReader::Open(blob);
  if (!r.ok()) return r.status().message();
  std::string out;
  for (;;) {
    auto e = r->Next();
    if (!e.ok()) return out + e.status().message();
    if (!*e) return out;
    out += (*e)->path + "\n";
  }
}

TEST(DockerfileNamesTest, NonUtf8NameIsCopiedByteForByte) {
  if (::geteuid() != 0) GTEST_SKIP() << "needs root";
  auto dir = TempDir::Create();
  ASSERT_TRUE(dir.ok());
  const std::string ctx = dir->path() + "/ctx";
  const std::string name = "\xff\xfe.bin";
  ASSERT_TRUE(MakeDirs(ctx).ok());
  ASSERT_TRUE(WriteFileAtomic(ctx + "/" + name, "bytes\n").ok());
  // As `mybuild build` runs: the step's inputs, file names included, are
  // kept for --explain, and the second build compares with them.
  cache::ContextDigester digester(ctx, nullptr);
  ExecOptions options;
  options.digester = &digester;
  options.build_id = "names";
  options.explain = true;
  for (int round = 0; round < 2; ++round) {  // the second is a cache hit
    RecordingProgress progress;
    auto built = BuildDockerfile("FROM scratch\nCOPY . /x/\n", ctx,
                                 dir->path() + "/root", options, progress);
    ASSERT_TRUE(built.ok()) << built.status().message();
    EXPECT_EQ(progress.log, round == 0 ? "run COPY . /x/\n" : "cached COPY . /x/\n");
    cache::StorePaths store(dir->path() + "/root");
    auto manifest =
        oci::Manifest::FromJson(*ReadFile(store.Blob(built->manifest)));
    ASSERT_TRUE(manifest.ok());
    ASSERT_EQ(manifest->layers.size(), 1u);
    EXPECT_EQ(Paths(testing::StoredLayer(store, manifest->layers[0].digest)),
              "x\nx/" + name + "\n");
  }
}

}  // namespace
}  // namespace mybuild::executor
