#include "oci/tar_header_scan.h"

#include <algorithm>

namespace mybuild::oci {
namespace {

constexpr size_t kBlock = 512;
// Past this an extension is not gathered further: libarchive refuses PAX
// headers over 1 MiB itself.
constexpr size_t kMaxExtension = (1 << 20) + kBlock;

// The value of a numeric header field: octal digits (space or NUL ended),
// or GNU's base-256 when the top bit of the first byte is set.
uint64_t Number(std::string_view f) {
  uint64_t v = 0;
  if (!f.empty() && (static_cast<unsigned char>(f[0]) & 0x80)) {
    for (size_t i = 1; i < f.size(); ++i) v = (v << 8) | static_cast<unsigned char>(f[i]);
    return v;
  }
  size_t i = 0;
  while (i < f.size() && f[i] == ' ') ++i;
  for (; i < f.size() && f[i] >= '0' && f[i] <= '7'; ++i) v = v * 8 + (f[i] - '0');
  return v;
}

// Whether the header's checksum field matches its bytes (the field itself
// counted as spaces), as POSIX and libarchive check it.
bool ChecksumMatches(std::string_view h) {
  uint64_t sum = 0;
  for (size_t i = 0; i < kBlock; ++i) {
    sum += (i >= 148 && i < 156) ? ' ' : static_cast<unsigned char>(h[i]);
  }
  return sum == Number(h.substr(148, 8));
}

bool IsExtension(char type) { return type == 'x' || type == 'g' || type == 'L' || type == 'K'; }

}  // namespace

Status TarHeaderScan::Feed(std::string_view bytes) {
  while (!bytes.empty() && state_ != State::kDone) {
    if (state_ == State::kSkip) {
      uint64_t n = std::min<uint64_t>(left_, bytes.size());
      left_ -= n;
      bytes.remove_prefix(n);
      if (left_ == 0) state_ = State::kHeader;
      continue;
    }
    if (state_ == State::kExtension) {
      uint64_t n = std::min<uint64_t>(left_, bytes.size());
      if (extension_.size() < kMaxExtension) {
        extension_.append(bytes.substr(0, std::min<uint64_t>(n, kMaxExtension - extension_.size())));
      }
      left_ -= n;
      bytes.remove_prefix(n);
      if (left_ == 0) {
        RETURN_IF_ERROR(Extension());
        left_ = pad_;
        state_ = left_ ? State::kSkip : State::kHeader;
      }
      continue;
    }
    size_t n = std::min(kBlock - block_.size(), bytes.size());
    block_.append(bytes.substr(0, n));
    bytes.remove_prefix(n);
    if (block_.size() == kBlock) RETURN_IF_ERROR(Header());
  }
  return Status::Ok();
}

Status TarHeaderScan::Header() {
  std::string h = std::move(block_);
  block_.clear();
  if (std::all_of(h.begin(), h.end(), [](char c) { return c == 0; })) return Status::Ok();
  if (!ChecksumMatches(h)) {
    state_ = State::kDone;
    return Status::Ok();
  }
  type_ = h[156];
  uint64_t size = Number(std::string_view(h).substr(124, 12));
  uint64_t padded = (size + kBlock - 1) / kBlock * kBlock;
  if (!IsExtension(type_)) ++entries_;
  // Links, directories and devices carry no content whatever their size
  // field says, as libarchive reads them.
  if (type_ == '1' || type_ == '2' || type_ == '3' || type_ == '4' || type_ == '5' ||
      type_ == '6') {
    padded = 0;
  }
  if (IsExtension(type_) && size > 0) {
    extension_.clear();
    left_ = size;
    pad_ = padded - size;
    state_ = State::kExtension;
  } else {
    left_ = padded;
    state_ = left_ ? State::kSkip : State::kHeader;
  }
  return Status::Ok();
}

Status TarHeaderScan::Extension() {
  const std::string entry = "entry " + std::to_string(entries_ + 1);
  if (type_ == 'L' || type_ == 'K') {
    std::string_view name(extension_);
    while (!name.empty() && name.back() == '\0') name.remove_suffix(1);
    if (name.find('\0') == std::string_view::npos) return Status::Ok();
    return InvalidArgument(entry + ": GNU long " + (type_ == 'L' ? "name" : "link name") +
                           " holds a NUL byte");
  }
  // Records "<length> <key>=<value>\n"; the length counts the whole record.
  std::string_view rest(extension_);
  while (!rest.empty()) {
    size_t space = rest.find(' ');
    if (space == std::string_view::npos || space == 0 || space > 20) break;
    uint64_t len = 0;
    for (char c : rest.substr(0, space)) {
      if (c < '0' || c > '9') return Status::Ok();
      len = len * 10 + (c - '0');
    }
    if (len <= space + 1 || len > rest.size()) break;
    std::string_view record = rest.substr(space + 1, len - space - 2);  // no '\n'
    rest.remove_prefix(len);
    size_t eq = record.find('=');
    if (eq == std::string_view::npos) continue;
    std::string_view key = record.substr(0, eq), value = record.substr(eq + 1);
    if ((key == "path" || key == "linkpath") && value.find('\0') != std::string_view::npos) {
      return InvalidArgument(entry + ": PAX " + std::string(key) + " holds a NUL byte");
    }
  }
  return Status::Ok();
}

}  // namespace mybuild::oci
