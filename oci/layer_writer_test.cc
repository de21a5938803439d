#include "oci/layer_writer.h"

#include <gtest/gtest.h>

#include "base/fd.h"
#include "base/sha256.h"
#include "base/temp_dir.h"
#include "oci/read_ahead.h"

namespace mybuild::oci {
namespace {

TarEntry Entry(std::string path, EntryType type, uint32_t mode) {
  TarEntry e;
  e.path = std::move(path);
  e.type = type;
  e.mode = mode;
  e.uid = 1000;
  e.gid = 1000;
  e.mtime = 1700000000;
  return e;
}

// One of each kind of entry.
Status WriteSample(LayerWriter& w) {
  RETURN_IF_ERROR(w.Add(Entry("bin", EntryType::kDir, 0755)));
  TarEntry ping = Entry("bin/ping", EntryType::kFile, 04755);
  ping.xattrs["security.capability"] = std::string("\x01\x00\x00\x02", 4);
  RETURN_IF_ERROR(w.AddBytes(ping, "#!/bin/sh\necho ping\n"));
  TarEntry hard = Entry("bin/ping6", EntryType::kHardlink, 0);
  hard.link_target = "bin/ping";
  RETURN_IF_ERROR(w.Add(hard));
  TarEntry sym = Entry("bin/sh", EntryType::kSymlink, 0777);
  sym.link_target = "/usr/bin/busybox";
  RETURN_IF_ERROR(w.Add(sym));
  TarEntry null = Entry("dev/null", EntryType::kCharDevice, 0666);
  null.dev_major = 1;
  null.dev_minor = 3;
  RETURN_IF_ERROR(w.Add(null));
  RETURN_IF_ERROR(w.Add(Entry("run/fifo", EntryType::kFifo, 0600)));
  TarEntry named = Entry("home/u", EntryType::kDir, 0700);
  named.uname = "u";
  named.gname = "users";
  RETURN_IF_ERROR(w.Add(named));
  RETURN_IF_ERROR(w.AddWhiteout("etc/gone", Entry("", EntryType::kFile, 0644)));
  RETURN_IF_ERROR(w.AddOpaque("var/cache", Entry("", EntryType::kDir, 0755)));
  std::string long_name = "deep/" + std::string(120, 'n') + "/file";
  return w.AddBytes(Entry(long_name, EntryType::kFile, 0644), "x");
}

Expected<LayerBlob> Write(const std::string& path, int level) {
  ASSIGN_OR_RETURN(LayerWriter w, LayerWriter::Create(path, {level}));
  RETURN_IF_ERROR(WriteSample(w));
  return w.Finish();
}

TEST(LayerWriterTest, SameInputSameBytes) {
  auto dir = TempDir::Create();
  ASSERT_TRUE(dir.ok());
  auto a = Write(dir->path() + "/a", 6);
  auto b = Write(dir->path() + "/b", 6);
  ASSERT_TRUE(a.ok()) << a.status().message();
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(a->digest, b->digest);
  EXPECT_EQ(a->diff_id, b->diff_id);
  EXPECT_EQ(*ReadFile(a->path), *ReadFile(b->path));
  // The tar bytes depend only on the entries: pinned.
  EXPECT_EQ(a->diff_id.str(),
            "sha256:"
            "8a6f1745d487d080acec54ad54c1eb28bbe13b6d2614ce1c454880478cb5d16e");
  auto raw = Write(dir->path() + "/raw", 0);
  ASSERT_TRUE(raw.ok());
  EXPECT_EQ(raw->diff_id, a->diff_id);
  EXPECT_EQ(raw->digest, a->diff_id);
}

TEST(LayerWriterTest, HeadersCarryNothingVolatile) {
  auto dir = TempDir::Create();
  ASSERT_TRUE(dir.ok());
  auto raw = Write(dir->path() + "/raw", 0);
  ASSERT_TRUE(raw.ok());
  std::string tar = *ReadFile(raw->path);
  EXPECT_EQ(tar.size() % 512, 0u);
  EXPECT_EQ(tar.substr(tar.size() - 1024), std::string(1024, '\0'));
  EXPECT_NE(tar.find("SCHILY.xattr.security.capability="), std::string::npos);
  EXPECT_EQ(tar.find("LIBARCHIVE"), std::string::npos);
  EXPECT_EQ(tar.find("atime"), std::string::npos);
  EXPECT_EQ(tar.find("ctime"), std::string::npos);
  EXPECT_EQ(tar.find("root"), std::string::npos);  // no uname unless given
  EXPECT_NE(tar.find("users"), std::string::npos);
  EXPECT_NE(tar.find("etc/.wh.gone"), std::string::npos);
  EXPECT_NE(tar.find("var/cache/.wh..wh..opq"), std::string::npos);
}

// A plain file named like a whiteout would delete "x" below instead of
// existing (COPY of a context file ".wh.x", or a RUN making one).
TEST(LayerWriterTest, RefusesPlainEntriesWithWhiteoutNames) {
  auto dir = TempDir::Create();
  ASSERT_TRUE(dir.ok());
  auto w = LayerWriter::Create(dir->path() + "/l");
  ASSERT_TRUE(w.ok());
  EXPECT_EQ(w->AddBytes(Entry("a/.wh.x", EntryType::kFile, 0644), "").message(),
            "layer entry \"a/.wh.x\": \".wh.\" names are whiteouts, not files");
  EXPECT_EQ(w->Add(Entry(".wh..wh..opq", EntryType::kDir, 0755)).message(),
            "layer entry \".wh..wh..opq\": \".wh.\" names are whiteouts, not "
            "files");
  EXPECT_EQ(w->Add(Entry(".wh.d/f", EntryType::kSymlink, 0777)).message(),
            "layer entry \".wh.d/f\": \".wh.\" names are whiteouts, not files");
  EXPECT_TRUE(w->AddWhiteout("a/x").ok());
  EXPECT_TRUE(w->AddOpaque("a").ok());
}

TEST(LayerWriterTest, Errors) {
  auto dir = TempDir::Create();
  ASSERT_TRUE(dir.ok());
  auto w = LayerWriter::Create(dir->path() + "/l");
  ASSERT_TRUE(w.ok());
  EXPECT_EQ(w->Add(Entry("/abs", EntryType::kDir, 0755)).message(),
            "layer entry \"/abs\": invalid path");
  EXPECT_EQ(w->Add(Entry("a/../b", EntryType::kDir, 0755)).message(),
            "layer entry \"a/../b\": invalid path");
  TarEntry hard = Entry("h", EntryType::kHardlink, 0);
  hard.link_target = "../x";
  EXPECT_EQ(w->Add(hard).message(),
            "layer entry \"h\": invalid hardlink target \"../x\"");
  ASSERT_TRUE(WriteFileAtomic(dir->path() + "/src", "12345").ok());
  TarEntry f = Entry("f", EntryType::kFile, 0644);
  f.size = 4;
  EXPECT_EQ(w->Add(f, dir->path() + "/src").message(),
            "file \"f\" grew while archived");
  auto w2 = LayerWriter::Create(dir->path() + "/l2");
  ASSERT_TRUE(w2.ok());
  f.size = 6;
  EXPECT_EQ(w2->Add(f, dir->path() + "/src").message(),
            "file \"f\" shrank while archived");
  EXPECT_EQ(w2->Add(f, dir->path() + "/missing").message(),
            "open \"" + dir->path() + "/missing\": No such file or directory");
}

// A file large enough to be read ahead on a thread (read_ahead.h) makes the
// same tar bytes as the same content given in memory, written or only
// hashed.
TEST(LayerWriterTest, LargeFileReadAheadMakesTheSameTar) {
  auto dir = TempDir::Create();
  ASSERT_TRUE(dir.ok());
  std::string content(ReadAhead::kMinSize + 3 * ReadAhead::kChunk + 1000, '\0');
  for (size_t i = 0; i < content.size(); ++i) content[i] = static_cast<char>(i * 31 + i / 997);
  ASSERT_TRUE(WriteFileAtomic(dir->path() + "/big", content).ok());
  TarEntry e = Entry("big.bin", EntryType::kFile, 0644);
  e.size = static_cast<int64_t>(content.size());
  auto layer = [&](const std::string& path, bool from_file) -> Expected<LayerBlob> {
    ASSIGN_OR_RETURN(LayerWriter w, LayerWriter::Create(path, {.gzip_level = 0}));
    RETURN_IF_ERROR(w.Add(Entry("d", EntryType::kDir, 0755)));
    RETURN_IF_ERROR(from_file ? w.Add(e, dir->path() + "/big") : w.AddBytes(e, content));
    RETURN_IF_ERROR(w.AddBytes(Entry("d/after", EntryType::kFile, 0600), "after\n"));
    return w.Finish();
  };
  auto in_memory = layer(dir->path() + "/mem.tar", false);
  auto read_ahead = layer(dir->path() + "/file.tar", true);
  auto hashed = layer("", true);
  ASSERT_TRUE(in_memory.ok()) << in_memory.status().message();
  ASSERT_TRUE(read_ahead.ok()) << read_ahead.status().message();
  ASSERT_TRUE(hashed.ok()) << hashed.status().message();
  EXPECT_EQ(*ReadFile(read_ahead->path), *ReadFile(in_memory->path));
  EXPECT_EQ(read_ahead->diff_id, in_memory->diff_id);
  EXPECT_EQ(hashed->diff_id, in_memory->diff_id);
  EXPECT_EQ(hashed->tar_size, in_memory->tar_size);
  EXPECT_EQ(hashed->file_bytes, static_cast<int64_t>(content.size()) + 6);
  EXPECT_EQ(Sha256File(in_memory->path)->insert(0, "sha256:"), in_memory->diff_id.str());

  // A large file of another size than its entry says still fails.
  auto w = LayerWriter::Create("", {.gzip_level = 0});
  ASSERT_TRUE(w.ok());
  e.size -= 1;
  EXPECT_EQ(w->Add(e, dir->path() + "/big").message(), "file \"big.bin\" grew while archived");
}

}  // namespace
}  // namespace mybuild::oci
