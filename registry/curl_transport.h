// The real Transport, on libcurl. TLS peers are verified (system CAs plus an
// optional extra CA file); plain HTTP is allowed only to loopback hosts and
// to hosts listed as insecure, as Docker does.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "registry/cert_dirs.h"
#include "registry/http.h"

namespace mybuild::registry {

struct Url;

struct CurlTransportOptions {
  // PEM file of CA certificates trusted in addition to the system's.
  std::string ca_file;
  // certs.d roots searched for HOST[:PORT] directories (cert_dirs.h); tests
  // and $MYBUILD_CERTS_D replace the default ones.
  std::vector<std::string> cert_roots = DefaultCertRoots();
  // --cert-dir: this directory's certificates for every registry.
  std::string cert_dir;
  // --tls-verify=false: certificates are not checked (still TLS).
  bool tls_verify = true;
  // Hosts ("host" or "host:port") that may be reached over plain HTTP besides
  // loopback ones, and whose certificates are not checked
  // (--insecure-registry, registries.conf insecure = true).
  std::vector<std::string> insecure_hosts;
  // Seconds to connect, TLS handshake included; then the request fails with
  // "no connection within 30 s (connect timeout)".
  long connect_timeout_seconds = 30;
  // A transfer slower than 1 byte/s for this long (a server that accepts and
  // never answers, or trickles) fails with
  // "no data from the server for 60 s (stall timeout)".
  long stall_timeout_seconds = 60;
  std::string user_agent = "mybuild";
};

class CurlTransport : public Transport {
 public:
  // Fails with kInvalidArgument when `ca_file` cannot be read or holds no
  // certificate ("CA file \"x\": ...").
  static Expected<std::unique_ptr<CurlTransport>> Create(
      CurlTransportOptions options);
  ~CurlTransport() override;

  // See Transport. Error messages start with "METHOD URL: ". HTTPS to a
  // server speaking plain HTTP says so:
  //   GET https://h:5000/v2/: TLS handshake failed (...): the server at
  //   h:5000 speaks plain HTTP; to use it so, pass --insecure-registry h:5000
  //   or set insecure = true for it in registries.conf
  // A CA file of a certs.d directory that holds no certificate fails as
  // Create does.
  Expected<HttpResponse> Send(const HttpRequest& request) override;

  // True when plain HTTP may be used to reach `url_host` (no port) at
  // `authority` (host[:port]) under these options.
  bool AllowsPlainHttp(const std::string& url_host,
                       const std::string& authority) const;

 private:
  struct State;
  explicit CurlTransport(std::unique_ptr<State> state);
  // Named by insecure_hosts.
  bool Listed(const std::string& url_host, const std::string& authority) const;
  // Trusted CAs (into `cas`, a RequestCas that lives through the
  // transfer), verification and the client certificate for `url`'s host.
  // Fails when a certs.d CA file holds no certificate.
  // `handle` is a CURL* (which curl.h defines as void).
  Status SetUpTls(void* handle, const Url& url, void* cas);
  std::unique_ptr<State> state_;
};

}  // namespace mybuild::registry
