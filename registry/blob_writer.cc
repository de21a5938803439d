#include "registry/blob_writer.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <vector>

namespace mybuild::registry {

Expected<std::unique_ptr<BlobWriter>> BlobWriter::Create(
    std::string final_path) {
  std::filesystem::path p(final_path);
  std::string dir = p.parent_path().empty() ? "." : p.parent_path().string();
  RETURN_IF_ERROR(MakeDirs(dir));
  std::string tmpl = dir + "/." + p.filename().string() + ".partial-XXXXXX";
  std::vector<char> buf(tmpl.begin(), tmpl.end());
  buf.push_back('\0');
  int fd = ::mkostemp(buf.data(), O_CLOEXEC);
  if (fd < 0) return SysError("mkstemp", tmpl, errno);
  return std::unique_ptr<BlobWriter>(new BlobWriter(
      std::move(final_path), std::string(buf.data()), UniqueFd(fd)));
}

BlobWriter::BlobWriter(std::string final_path, std::string temp_path,
                       UniqueFd fd)
    : final_path_(std::move(final_path)),
      temp_path_(std::move(temp_path)),
      fd_(std::move(fd)) {}

BlobWriter::~BlobWriter() {
  if (!committed_) ::unlink(temp_path_.c_str());
}

Status BlobWriter::Write(std::string_view data) {
  RETURN_IF_ERROR(WriteAll(fd_.get(), data, temp_path_));
  hash_.Update(data);
  written_ += static_cast<int64_t>(data.size());
  return Status::Ok();
}

Status BlobWriter::Reset() {
  if (::ftruncate(fd_.get(), 0) != 0) {
    return SysError("ftruncate", temp_path_, errno);
  }
  if (::lseek(fd_.get(), 0, SEEK_SET) != 0) {
    return SysError("lseek", temp_path_, errno);
  }
  hash_ = Sha256();
  written_ = 0;
  return Status::Ok();
}

Status BlobWriter::Commit(const oci::Digest& expected, int64_t expected_size) {
  std::string got = "sha256:" + hash_.HexDigest();
  if (expected_size >= 0 && written_ != expected_size) {
    return InvalidArgument("size mismatch: expected " +
                           std::to_string(expected_size) + " bytes, got " +
                           std::to_string(written_));
  }
  if (got != expected.str()) {
    return InvalidArgument("digest mismatch: expected " + expected.str() +
                           ", got " + got + " (" + std::to_string(written_) +
                           " bytes)");
  }
  if (::fsync(fd_.get()) != 0) return SysError("fsync", temp_path_, errno);
  if (::rename(temp_path_.c_str(), final_path_.c_str()) != 0) {
    return SysError("rename", final_path_, errno);
  }
  committed_ = true;
  std::filesystem::path p(final_path_);
  return SyncDir(p.parent_path().empty() ? "." : p.parent_path().string());
}

}  // namespace mybuild::registry
