#include "oci/reference.h"

#include <arpa/inet.h>
#include <strings.h>

#include "oci/reference_grammar.h"

namespace mybuild::oci {
namespace {

using namespace internal;

constexpr std::string_view kDockerHub = "docker.io";

// Checks every '/'-separated component of `path`; returns the first bad one
// in `bad`.
bool ValidPath(std::string_view path, std::string* bad) {
  size_t start = 0;
  while (true) {
    size_t slash = path.find('/', start);
    std::string_view c = path.substr(start, slash - start);
    if (!ValidPathComponent(c)) {
      *bad = std::string(c);
      return false;
    }
    if (slash == std::string_view::npos) return true;
    start = slash + 1;
  }
}

}  // namespace

Expected<ImageReference> ImageReference::Parse(std::string_view text) {
  auto fail = [&](const std::string& why) {
    return InvalidArgument("invalid reference \"" + std::string(text) +
                           "\": " + why);
  };
  if (text.empty()) return fail("reference is empty");
  ImageReference r;
  std::string_view rest = text;
  if (size_t at = rest.find('@'); at != std::string_view::npos) {
    auto d = Digest::Parse(rest.substr(at + 1));
    if (!d.ok()) return fail(d.status().message());
    r.digest_ = *d;
    rest = rest.substr(0, at);
  }
  size_t slash = rest.rfind('/'), colon = rest.rfind(':');
  if (colon != std::string_view::npos &&
      (slash == std::string_view::npos || colon > slash)) {
    r.tag_ = std::string(rest.substr(colon + 1));
    rest = rest.substr(0, colon);
    if (!ValidTag(r.tag_)) return fail("invalid tag \"" + r.tag_ + "\"");
  }
  if (rest.empty()) return fail("repository name is empty");
  if (IsHex64(rest)) {
    return fail("a 64-digit hex string is an image ID, not a repository name");
  }
  size_t first = rest.find('/');
  if (first != std::string_view::npos && LooksLikeHost(rest.substr(0, first))) {
    r.host_ = std::string(rest.substr(0, first));
    r.path_ = std::string(rest.substr(first + 1));
  } else {
    r.host_ = std::string(kDockerHub);
    r.path_ = std::string(rest);
  }
  if (r.host_ == "index.docker.io") r.host_ = std::string(kDockerHub);
  if (r.host_ == kDockerHub && r.path_.find('/') == std::string::npos) {
    r.path_ = "library/" + r.path_;
  }
  if (HasUpper(r.path_)) return fail("repository name must be lowercase");
  if (!ValidHost(r.host_)) {
    return fail("invalid registry host \"" + r.host_ + "\"");
  }
  if (std::string bad; !ValidPath(r.path_, &bad)) {
    return fail("invalid repository name component \"" + bad +
                "\" (use lowercase letters and digits, separated by . _ __ "
                "or dashes)");
  }
  if (r.Name().size() > 255) {
    return fail("repository name must not be longer than 255 characters");
  }
  if (r.tag_.empty() && !r.digest_) r.tag_ = "latest";
  return r;
}

std::string ImageReference::Name() const { return host_ + "/" + path_; }

std::string ImageReference::str() const {
  std::string s = Name();
  if (!tag_.empty()) s += ":" + tag_;
  if (digest_) s += "@" + digest_->str();
  return s;
}

std::string ImageReference::Familiar() const {
  if (host_ != kDockerHub) return str();
  std::string s = path_;
  constexpr std::string_view kLibrary = "library/";
  if (s.starts_with(kLibrary) && s.find('/', kLibrary.size()) == s.npos) {
    s = s.substr(kLibrary.size());
  }
  if (!tag_.empty()) s += ":" + tag_;
  if (digest_) s += "@" + digest_->str();
  return s;
}

std::string ImageReference::ManifestReference() const {
  return digest_ ? digest_->str() : tag_;
}

std::string ImageReference::RegistryHost() const {
  return host_ == kDockerHub ? "registry-1.docker.io" : host_;
}

bool ImageReference::IsLoopback() const {
  std::string_view name;
  SplitHost(host_, &name);
  if (strncasecmp(name.data(), "localhost", name.size()) == 0 &&
      name.size() == 9) {
    return true;
  }
  bool loopback = false;
  if (IsIpv6Literal(name, &loopback)) return loopback;
  in_addr a;
  if (inet_pton(AF_INET, std::string(name).c_str(), &a) != 1) return false;
  return (ntohl(a.s_addr) >> 24) == 127;
}

ImageReference ImageReference::WithTag(std::string tag) const {
  ImageReference r = *this;
  r.tag_ = std::move(tag);
  return r;
}

ImageReference ImageReference::WithDigest(Digest digest) const {
  ImageReference r = *this;
  r.digest_ = std::move(digest);
  return r;
}

}  // namespace mybuild::oci
