// Image references as users type them ("busybox", "quay.io/org/app:v1",
// "app@sha256:..."), normalised the way Docker does.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "base/status.h"
#include "oci/digest.h"

namespace mybuild::oci {

class ImageReference {
 public:
  // Parses and normalises `text`:
  //  - a first path component is a registry host only if it contains '.'
  //    or ':', is "localhost", or has upper-case letters; otherwise the host
  //    is "docker.io" (and "index.docker.io" becomes "docker.io");
  //  - on docker.io a single-component name gets "library/";
  //  - with neither tag nor digest, the tag is "latest".
  // Hosts may carry a port and may be IPv6 literals ("[::1]:5000").
  // Fails with kInvalidArgument `invalid reference "<text>": <reason>`,
  // e.g. `invalid reference "Foo:bar": repository name must be lowercase`.
  static Expected<ImageReference> Parse(std::string_view text);

  // "docker.io", "127.0.0.1:5000", "[::1]:5000".
  const std::string& host() const { return host_; }
  // Repository path inside the registry: "library/busybox", "team/app".
  const std::string& path() const { return path_; }
  // Tag; empty when the reference has only a digest.
  const std::string& tag() const { return tag_; }
  const std::optional<Digest>& digest() const { return digest_; }

  // host/path, e.g. "docker.io/library/busybox".
  std::string Name() const;
  // The full form: "docker.io/library/busybox:1.36",
  // "quay.io/org/app@sha256:...", "host/app:tag@sha256:...".
  std::string str() const;
  // Docker's short form: "busybox:1.36", "team/app:v1" (drops "docker.io/"
  // and "library/"), otherwise the same as str().
  std::string Familiar() const;
  // What to ask /v2/<path>/manifests/ for: the digest if any, else the tag.
  std::string ManifestReference() const;
  // Host for the registry HTTP API: "registry-1.docker.io" for docker.io,
  // otherwise host().
  std::string RegistryHost() const;
  // True for localhost, 127.0.0.0/8 and ::1 (port ignored): these may be
  // reached over plain HTTP.
  bool IsLoopback() const;

  // Copies with the tag or digest replaced.
  ImageReference WithTag(std::string tag) const;
  ImageReference WithDigest(Digest digest) const;

  bool operator==(const ImageReference&) const = default;

 private:
  std::string host_, path_, tag_;
  std::optional<Digest> digest_;
};

}  // namespace mybuild::oci
