// Export from one store to an OCI layout, import into a fresh store: the
// record and its blob arrive verified; damaged caches are ignored.
#include <gtest/gtest.h>

#include <filesystem>
#include <future>

#include "base/fd.h"
#include "base/temp_dir.h"
#include "cache/blob_store.h"
#include "cache/step_index.h"
#include "oci/manifest.h"
#include "remote_cache/cache_exporter.h"
#include "remote_cache/cache_importer.h"
#include "remote_cache/local_backend.h"

namespace mybuild::remote_cache {
namespace {

struct Notes : executor::Progress {
  void Started(const executor::StepLabel&) override {}
  void Cached(const executor::StepLabel&) override {}
  void Output(const executor::StepLabel&, std::string_view) override {}
  void Done(const executor::StepLabel&, double) override {}
  void Note(std::string_view m) override { lines.emplace_back(m); }
  std::vector<std::string> lines;
};

const std::string kKey(64, 'a');
const std::string kLayer = "pretend gzip layer";

class RoundTripTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto dir = TempDir::Create();
    ASSERT_TRUE(dir.ok());
    dir_ = std::make_unique<TempDir>(std::move(*dir));
    cache::StorePaths a(dir_->path() + "/a");
    auto blobs = cache::BlobStore::Open(a);
    ASSERT_TRUE(blobs.ok());
    layer_ = *blobs->Put(kLayer);
    cache::LayerRecord l{layer_, oci::Digest::Of("tar"),
                         static_cast<int64_t>(kLayer.size()),
                         "application/vnd.oci.image.layer.v1.tar+gzip"};
    ASSERT_TRUE(cache::StepIndex(a)
                    .Record(kKey, {l, "below", "2026-01-01T00:00:00Z"})
                    .ok());
    planner::BuildGraph graph;
    graph.stages.resize(1);
    graph.stages[0].steps.resize(2);
    graph.stages[0].steps[1].cache_key = kKey;  // [0] is a config step: no key
    graph.order = {0};
    graph.target = 0;
    records_ = CollectRecords(graph, a, CacheMode::kMin);
    LocalBackend to("type=local,dest=c", P("c"), "cache");
    ASSERT_TRUE(ExportRecords(records_, a, to).ok());
  }
  std::string P(const std::string& p) { return dir_->path() + "/" + p; }
  std::unique_ptr<CacheImporter> Open(Notes& notes) {
    std::vector<ImportSource> src;
    src.push_back(
        {std::make_unique<LocalBackend>("type=local,src=c", P("c"), "cache"),
         true});
    auto imp =
        CacheImporter::Open(std::move(src), cache::StorePaths(P("b")), notes);
    EXPECT_TRUE(imp.ok()) << imp.status().message();
    return imp.ok() ? std::move(*imp) : nullptr;
  }

  std::unique_ptr<TempDir> dir_;
  oci::Digest layer_;
  std::vector<CacheRecord> records_;
};

TEST_F(RoundTripTest, ImportMakesALocalHit) {
  ASSERT_EQ(records_.size(), 1u);
  Notes notes;
  auto imp = Open(notes);
  ASSERT_EQ(imp->record_count(), 1u);
  EXPECT_FALSE(imp->Import(kKey, "other layers", notes));
  cache::StorePaths b(P("b"));
  EXPECT_EQ(cache::StepIndex(b).Find(kKey).state, cache::RecordState::kAbsent);
  EXPECT_TRUE(imp->Import(kKey, "below", notes));
  cache::StepLookup found = cache::StepIndex(b).Find(kKey);
  ASSERT_EQ(found.state, cache::RecordState::kPresent);
  EXPECT_EQ(found.record.layer.digest, layer_);
  EXPECT_EQ(found.record.created, "2026-01-01T00:00:00Z");
  EXPECT_EQ(*ReadFile(b.Blob(layer_)), kLayer);
  EXPECT_TRUE(notes.lines.empty());
}

// image-manifest=false: the cache as an image index reads back the same.
TEST_F(RoundTripTest, TheIndexFormImportsToo) {
  cache::StorePaths a(dir_->path() + "/a");
  LocalBackend to("type=local,dest=i", P("i"), "cache");
  ASSERT_TRUE(ExportRecords(records_, a, to, {}, false).ok());
  auto layout = oci::ImageIndex::FromJson(*ReadFile(P("i/index.json")));
  ASSERT_TRUE(layout.ok());
  ASSERT_EQ(layout->manifests.size(), 1u);
  EXPECT_EQ(layout->manifests[0].media_type, "application/vnd.oci.image.index.v1+json");
  auto index = oci::ImageIndex::FromJson(
      *ReadFile(P("i/blobs/sha256/") + std::string(layout->manifests[0].digest.hex())));
  ASSERT_TRUE(index.ok());
  ASSERT_EQ(index->manifests.size(), 2u);
  EXPECT_EQ(index->manifests[0].digest, layer_);
  EXPECT_EQ(index->manifests[1].media_type, kCacheConfigType);
  Notes notes;
  std::vector<ImportSource> src;
  src.push_back({std::make_unique<LocalBackend>("type=local,src=i", P("i"), "cache"), true});
  auto imp = CacheImporter::Open(std::move(src), cache::StorePaths(P("b")), notes);
  ASSERT_TRUE(imp.ok()) << imp.status().message();
  EXPECT_EQ((*imp)->record_count(), 1u);
  EXPECT_TRUE((*imp)->Import(kKey, "below", notes));
  EXPECT_EQ(*ReadFile(cache::StorePaths(P("b")).Blob(layer_)), kLayer);
  EXPECT_TRUE(notes.lines.empty());
}

TEST_F(RoundTripTest, ACorruptedBlobIsIgnoredWithANote) {
  std::string blob = P("c/blobs/sha256/") + std::string(layer_.hex());
  std::filesystem::remove(blob);
  ASSERT_TRUE(WriteFileAtomic(blob, "pretend gzip lay3r").ok());
  Notes notes;
  auto imp = Open(notes);
  EXPECT_FALSE(imp->Import(kKey, "below", notes));
  ASSERT_EQ(notes.lines.size(), 1u);
  EXPECT_EQ(
      notes.lines[0].rfind("cache type=local,src=c: step aaaaaaaaaaaa: blob " +
                               layer_.str() + ": ",
                           0),
      0u)
      << notes.lines[0];
  EXPECT_NE(notes.lines[0].find("; the step runs"), std::string::npos);
  EXPECT_EQ(cache::StepIndex(cache::StorePaths(P("b"))).Find(kKey).state,
            cache::RecordState::kAbsent);
}

TEST_F(RoundTripTest, AManifestThatDoesNotVerifyIsIgnored) {
  auto index = ReadFile(P("c/index.json"));
  ASSERT_TRUE(index.ok());
  auto layout = oci::ImageIndex::FromJson(*index);
  std::string manifest =
      P("c/blobs/sha256/") + std::string(layout->manifests[0].digest.hex());
  std::string bytes = *ReadFile(manifest);
  std::filesystem::remove(manifest);
  ASSERT_TRUE(WriteFileAtomic(manifest, bytes + " ").ok());
  Notes notes;
  auto imp = Open(notes);
  EXPECT_EQ(imp->record_count(), 0u);
  ASSERT_EQ(notes.lines.size(), 1u);
  EXPECT_EQ(notes.lines[0].rfind("cache type=local,src=c: ignored: manifest " +
                                     layout->manifests[0].digest.str() +
                                     " does not verify",
                                 0),
            0u)
      << notes.lines[0];
  // ignore-error=false makes it an error.
  std::vector<ImportSource> src;
  src.push_back(
      {std::make_unique<LocalBackend>("type=local,src=c", P("c"), "cache"),
       false});
  auto strict =
      CacheImporter::Open(std::move(src), cache::StorePaths(P("b")), notes);
  EXPECT_EQ(
      strict.status().message().rfind("cache type=local,src=c: manifest ", 0),
      0u);
}

TEST_F(RoundTripTest, AMissingConfigBlobIsADamagedCacheNotAnAbsentOne) {
  auto index = oci::ImageIndex::FromJson(*ReadFile(P("c/index.json")));
  auto manifest = oci::Manifest::FromJson(*ReadFile(
      P("c/blobs/sha256/") + std::string(index->manifests[0].digest.hex())));
  std::filesystem::remove(P("c/blobs/sha256/") +
                          std::string(manifest->config.digest.hex()));
  Notes notes;
  auto imp = Open(notes);
  EXPECT_EQ(imp->record_count(), 0u);
  ASSERT_EQ(notes.lines.size(), 1u);
  EXPECT_EQ(notes.lines[0].rfind("cache type=local,src=c: ignored: config " +
                                     manifest->config.digest.str() + ": ",
                                 0),
            0u)
      << notes.lines[0];
}

TEST_F(RoundTripTest, SourcesAreTriedInOrderAndAMissingCacheIsSilent) {
  // This branch's cache does not exist yet; main's has the step.
  Notes notes;
  std::vector<ImportSource> src;
  src.push_back({std::make_unique<LocalBackend>("type=local,src=branch",
                                                P("branch"), "cache"),
                 true});
  src.push_back(
      {std::make_unique<LocalBackend>("type=local,src=c", P("c"), "other"),
       true});
  src.push_back(
      {std::make_unique<LocalBackend>("type=local,src=c", P("c"), "cache"),
       true});
  auto imp =
      CacheImporter::Open(std::move(src), cache::StorePaths(P("b")), notes);
  ASSERT_TRUE(imp.ok()) << imp.status().message();
  EXPECT_EQ((*imp)->record_count(), 1u);
  EXPECT_TRUE((*imp)->Import(kKey, "below", notes));
  EXPECT_TRUE(notes.lines.empty()) << notes.lines[0];
}

// A cache whose layer blob comes late, as a registry's may: its FetchBlob
// waits for the test to open `gate`, then writes half the blob and fails
// with `fail`, or hands over to the layout it wraps.
class LateBackend : public CacheBackend {
 public:
  LateBackend(std::unique_ptr<CacheBackend> inner, oci::Digest layer,
              std::shared_future<void> gate, Status fail)
      : inner_(std::move(inner)), layer_(layer), gate_(gate), fail_(fail) {}
  const std::string& name() const override { return name_; }
  Expected<std::string> ReadManifest() override { return inner_->ReadManifest(); }
  Status FetchBlob(const oci::Descriptor& d, const std::string& path) override {
    if (d.digest != layer_) return inner_->FetchBlob(d, path);
    gate_.wait();
    if (fail_.ok()) return inner_->FetchBlob(d, path);
    (void)WriteFileAtomic(path, kLayer.substr(0, kLayer.size() / 2));
    return fail_;
  }
  bool FetchesInBackground() const override { return true; }
  Status Write(const std::string&, const std::string&, const std::vector<BlobFile>&) override {
    return Status::Ok();
  }

 private:
  std::string name_ = "type=registry,ref=127.0.0.1:5000/c:main";
  std::unique_ptr<CacheBackend> inner_;
  oci::Digest layer_;
  std::shared_future<void> gate_;
  Status fail_;
};

class BackgroundFetchTest : public RoundTripTest {
 protected:
  std::unique_ptr<CacheImporter> OpenLate(Notes& notes, Status fail) {
    std::vector<ImportSource> src;
    src.push_back({std::make_unique<LateBackend>(
                       std::make_unique<LocalBackend>("type=local,src=c", P("c"), "cache"),
                       layer_, gate_.get_future().share(), fail),
                   true});
    auto imp = CacheImporter::Open(std::move(src), cache::StorePaths(P("b")), notes);
    EXPECT_TRUE(imp.ok()) << imp.status().message();
    return imp.ok() ? std::move(*imp) : nullptr;
  }
  // Every file under the fresh store: nothing of a failed fetch may stay.
  std::vector<std::string> FilesOfB() {
    std::vector<std::string> out;
    for (const auto& e : std::filesystem::recursive_directory_iterator(P("b"))) {
      if (e.is_regular_file()) out.push_back(e.path().string());
    }
    return out;
  }
  std::promise<void> gate_;
};

TEST_F(BackgroundFetchTest, TheStepIsReusedBeforeItsBlobArrives) {
  Notes notes;
  auto imp = OpenLate(notes, Status::Ok());
  cache::StepRecord record;
  // Returns while the blob is still held back (the gate is shut).
  ASSERT_TRUE(imp->Import(kKey, "below", notes, &record));
  EXPECT_EQ(record.layer.digest, layer_);
  EXPECT_EQ(record.below, "below");
  EXPECT_EQ(record.created, "2026-01-01T00:00:00Z");
  cache::StorePaths b(P("b"));
  // No local record before its blob is in.
  EXPECT_EQ(cache::StepIndex(b).Find(kKey).state, cache::RecordState::kAbsent);
  EXPECT_FALSE(std::filesystem::exists(b.Blob(layer_)));
  gate_.set_value();
  Status st = imp->Join();
  ASSERT_TRUE(st.ok()) << st.message();
  cache::StepLookup found = cache::StepIndex(b).Find(kKey);
  ASSERT_EQ(found.state, cache::RecordState::kPresent);
  EXPECT_EQ(found.record.layer.digest, layer_);
  EXPECT_EQ(*ReadFile(b.Blob(layer_)), kLayer);
  EXPECT_TRUE(notes.lines.empty());
}

TEST_F(BackgroundFetchTest, AFailedFetchIsJoinsErrorAndLeavesNothing) {
  Notes notes;
  auto imp = OpenLate(notes, Status(ErrorCode::kUnavailable,
                                    "GET http://127.0.0.1:5000/v2/c/blobs/" + layer_.str() +
                                        ": HTTP 503 Service Unavailable"));
  std::vector<std::string> before = FilesOfB();  // the config blob Open read
  cache::StepRecord record;
  ASSERT_TRUE(imp->Import(kKey, "below", notes, &record));
  gate_.set_value();
  Status st = imp->Join();
  EXPECT_EQ(st.code(), ErrorCode::kUnavailable);
  EXPECT_EQ(st.message(), "cache type=registry,ref=127.0.0.1:5000/c:main: step aaaaaaaaaaaa: blob " +
                              layer_.str() + ": GET http://127.0.0.1:5000/v2/c/blobs/" +
                              layer_.str() + ": HTTP 503 Service Unavailable");
  cache::StorePaths b(P("b"));
  EXPECT_EQ(cache::StepIndex(b).Find(kKey).state, cache::RecordState::kAbsent);
  EXPECT_EQ(FilesOfB(), before);  // no half blob, no temp file, no record
  // The record is not trusted again, and Join has nothing left to report.
  EXPECT_FALSE(imp->Import(kKey, "below", notes, &record));
  EXPECT_TRUE(imp->Join().ok());
}

// Without a record to fill (or from a local layout), Import fetches at once.
TEST_F(BackgroundFetchTest, ALocalLayoutIsFetchedBeforeImportReturns) {
  Notes notes;
  auto imp = Open(notes);
  cache::StepRecord record;
  ASSERT_TRUE(imp->Import(kKey, "below", notes, &record));
  cache::StorePaths b(P("b"));
  EXPECT_EQ(cache::StepIndex(b).Find(kKey).state, cache::RecordState::kPresent);
  EXPECT_EQ(record.layer.digest, layer_);
}

}  // namespace
}  // namespace mybuild::remote_cache
