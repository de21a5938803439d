// Receives a downloaded blob into a temp file beside its final path, hashing
// while it writes, so a blob is either absent or complete and verified.
#pragma once

#include <memory>
#include <string>

#include "base/fd.h"
#include "base/sha256.h"
#include "oci/digest.h"
#include "registry/http.h"

namespace mybuild::registry {

class BlobWriter : public BodySink {
 public:
  // Creates the final path's directory if needed and a temp file in it.
  // Fails with the system call's error naming the path.
  static Expected<std::unique_ptr<BlobWriter>> Create(std::string final_path);
  // Removes the temp file unless Commit succeeded.
  ~BlobWriter() override;

  Status Write(std::string_view data) override;
  // Truncates the temp file and restarts the hash (before a re-send).
  Status Reset() override;

  // Checks the content against `expected` (and `expected_size` when >= 0),
  // fsyncs and renames it to the final path. On a mismatch the temp file is
  // removed and nothing appears at the final path:
  //   digest mismatch: expected sha256:<a>, got sha256:<b> (1234 bytes)
  //   size mismatch: expected 10 bytes, got 12
  Status Commit(const oci::Digest& expected, int64_t expected_size);

  int64_t bytes_written() const { return written_; }

 private:
  BlobWriter(std::string final_path, std::string temp_path, UniqueFd fd);

  std::string final_path_;
  std::string temp_path_;
  UniqueFd fd_;
  Sha256 hash_;
  int64_t written_ = 0;
  bool committed_ = false;
};

}  // namespace mybuild::registry
