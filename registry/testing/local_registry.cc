#include "registry/testing/local_registry.h"

#include <arpa/inet.h>
#include <curl/curl.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <cerrno>
#include <chrono>
#include <thread>

#include "base/fd.h"
#include "registry/testing/test_certs.h"

namespace mybuild::registry::testing {
namespace {

Expected<int> FreePort() {
  UniqueFd fd(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
  if (!fd.valid()) return SysError("socket", "", errno);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof addr;
  if (::bind(fd.get(), reinterpret_cast<sockaddr*>(&addr), len) != 0 ||
      ::getsockname(fd.get(), reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
    return SysError("bind", "127.0.0.1:0", errno);
  }
  return static_cast<int>(ntohs(addr.sin_port));
}

std::string ConfigYaml(const std::string& dir, const std::string& host,
                       const LocalRegistryOptions& o) {
  std::string y =
      "version: 0.1\n"
      "log:\n  level: warn\n  accesslog:\n    disabled: true\n"
      "storage:\n  filesystem:\n    rootdirectory: " +
      dir +
      "/storage\n"
      "  delete:\n    enabled: true\n"
      "http:\n  addr: " +
      host + "\n  secret: mybuild-test-secret\n";
  if (o.tls) {
    y += "  tls:\n    certificate: " + dir + "/server.crt\n    key: " + dir +
         "/server.key\n";
    if (o.client_auth) y += "    clientcas:\n      - " + dir + "/ca.crt\n";
  }
  if (!o.user.empty()) {
    y += "auth:\n  htpasswd:\n    realm: mybuild-test\n    path: " + dir +
         "/htpasswd\n";
  } else if (o.token) {
    y += "auth:\n  token:\n    realm: " + o.token->realm +
         "\n    service: " + o.token->service +
         "\n    issuer: " + o.token->issuer +
         "\n    rootcertbundle: " + o.token->root_cert + "\n";
  }
  return y;
}

// True once GET /v2/ gets any HTTP answer (200, or 401 with auth on).
bool Answers(const std::string& url, const std::string& ca_cert,
             const std::string& dir) {
  CURL* h = curl_easy_init();
  curl_easy_setopt(h, CURLOPT_URL, url.c_str());
  curl_easy_setopt(h, CURLOPT_NOBODY, 1L);
  curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, 1000L);
  curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
  std::string cert = dir + "/client.cert", key = dir + "/client.key";
  if (!ca_cert.empty()) {
    curl_easy_setopt(h, CURLOPT_CAINFO, ca_cert.c_str());
    curl_easy_setopt(h, CURLOPT_SSLCERT, cert.c_str());
    curl_easy_setopt(h, CURLOPT_SSLKEY, key.c_str());
  }
  long code = 0;
  if (curl_easy_perform(h) == CURLE_OK) {
    curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &code);
  }
  curl_easy_cleanup(h);
  return code > 0;
}

std::string Tail(const std::string& text) {
  return text.size() <= 2000 ? text : text.substr(text.size() - 2000);
}

}  // namespace

LocalRegistry::LocalRegistry(TempDir dir, ChildProcess child, std::string host,
                             bool tls, std::string ca_cert)
    : dir_(std::move(dir)),
      child_(std::move(child)),
      host_(std::move(host)),
      tls_(tls),
      ca_cert_(std::move(ca_cert)) {}

LocalRegistry::~LocalRegistry() { child_.Stop(); }

std::string LocalRegistry::base_url() const {
  return (tls_ ? "https://" : "http://") + host_;
}

std::string LocalRegistry::Log() const {
  auto log = ReadFile(dir_.path() + "/registry.log");
  return log.ok() ? *log : "";
}

Expected<std::unique_ptr<LocalRegistry>> LocalRegistry::Start(
    LocalRegistryOptions options) {
  if (!ToolInstalled(kDockerRegistryBinary)) {
    return NotFound(std::string(kDockerRegistryBinary) +
                    " is not installed (apt-get install docker-registry)");
  }
  curl_global_init(CURL_GLOBAL_DEFAULT);
  ASSIGN_OR_RETURN(TempDir dir, TempDir::Create());
  const std::string d = dir.path();
  std::string ca_cert;
  if (options.tls) {
    ASSIGN_OR_RETURN(TestCerts certs, MakeTestCerts(d));
    ca_cert = certs.ca_cert;
  }
  if (!options.user.empty()) {
    ASSIGN_OR_RETURN(std::string line,
                     HtpasswdLine(options.user, options.password));
    RETURN_IF_ERROR(WriteFileAtomic(d + "/htpasswd", line + "\n"));
  }
  std::string log_file = d + "/registry.log";
  // Another process may take the port between our probe and the server's
  // bind; then the server exits and we try another port.
  for (int attempt = 0; attempt < 3; ++attempt) {
    ASSIGN_OR_RETURN(int port, FreePort());
    std::string host = "127.0.0.1:" + std::to_string(port);
    RETURN_IF_ERROR(
        WriteFileAtomic(d + "/config.yml", ConfigYaml(d, host, options)));
    ASSIGN_OR_RETURN(
        ChildProcess child,
        ChildProcess::Spawn({kDockerRegistryBinary, "serve", d + "/config.yml"},
                            log_file));
    std::string url = (options.tls ? "https://" : "http://") + host + "/v2/";
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (!child.Exited() && std::chrono::steady_clock::now() < deadline) {
      if (Answers(url, ca_cert, d)) {
        return std::unique_ptr<LocalRegistry>(new LocalRegistry(
            std::move(dir), std::move(child), host, options.tls, ca_cert));
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    bool exited = child.Exited();
    child.Stop();
    if (!exited) {
      return Unavailable("docker-registry did not answer " + url +
                         " within 10 s; log:\n" + Tail(*ReadFile(log_file)));
    }
  }
  auto log = ReadFile(log_file);
  return Unavailable("docker-registry exited at start; log:\n" +
                     Tail(log.ok() ? *log : ""));
}

}  // namespace mybuild::registry::testing
