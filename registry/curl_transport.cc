#include "registry/curl_transport.h"

#include <curl/curl.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

#include <algorithm>
#include <cstring>
#include <map>
#include <mutex>

#include "registry/curl_transfer.h"
#include "registry/url.h"

namespace mybuild::registry {
namespace {

// X509 certificates read from the extra CA file, freed with the transport.
struct CaList {
  std::vector<X509*> certs;
  ~CaList() {
    for (X509* c : certs) X509_free(c);
  }
};

Status AddCaFile(const std::string& path, CaList* list) {
  FILE* f = std::fopen(path.c_str(), "re");
  if (f == nullptr) {
    return InvalidArgument("CA file \"" + path + "\": " + std::strerror(errno));
  }
  size_t before = list->certs.size();
  while (X509* cert = PEM_read_X509(f, nullptr, nullptr, nullptr)) {
    list->certs.push_back(cert);
  }
  std::fclose(f);
  if (list->certs.size() == before) {
    return InvalidArgument("CA file \"" + path +
                           "\": no PEM certificate in it");
  }
  return Status::Ok();
}

Expected<std::unique_ptr<CaList>> LoadCaFile(const std::string& path) {
  auto list = std::make_unique<CaList>();
  if (!path.empty()) RETURN_IF_ERROR(AddCaFile(path, list.get()));
  return list;
}

// The CAs one request trusts besides the system's.
struct RequestCas {
  const CaList* global = nullptr;
  const CaList* host = nullptr;
};

// libcurl hands each new OpenSSL context here before the handshake.
CURLcode AddExtraCas(CURL*, void* ssl_ctx, void* user) {
  auto* cas = static_cast<RequestCas*>(user);
  X509_STORE* store = SSL_CTX_get_cert_store(static_cast<SSL_CTX*>(ssl_ctx));
  for (const CaList* list : {cas->global, cas->host}) {
    if (list == nullptr) continue;
    for (X509* cert : list->certs) X509_STORE_add_cert(store, cert);
  }
  return CURLE_OK;
}

bool SpeaksPlainHttp(const Status& st) {
  return st.message().find("wrong version number") != std::string::npos ||
         st.message().find("packet length too long") != std::string::npos;
}

void GlobalInit() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

}  // namespace

struct CurlTransport::State {
  CurlTransportOptions options;
  std::unique_ptr<CaList> cas;
  std::mutex mu;
  std::vector<CURL*> idle;  // handles kept for their connection caches
  std::map<std::string, std::unique_ptr<CaList>> dir_cas;  // certs.d dir -> CAs

  // The CAs of `tls`'s *.crt files, read once per directory.
  Expected<const CaList*> DirCas(const HostTls& tls) {
    std::lock_guard<std::mutex> lock(mu);
    auto& slot = dir_cas[tls.dir];
    if (!slot) {
      auto list = std::make_unique<CaList>();
      for (const std::string& f : tls.ca_files)
        RETURN_IF_ERROR(AddCaFile(f, list.get()));
      slot = std::move(list);
    }
    return slot.get();
  }

  CURL* Take() {
    std::lock_guard<std::mutex> lock(mu);
    if (idle.empty()) return curl_easy_init();
    CURL* h = idle.back();
    idle.pop_back();
    curl_easy_reset(h);
    return h;
  }
  void Give(CURL* h) {
    std::lock_guard<std::mutex> lock(mu);
    idle.push_back(h);
  }
};

Expected<std::unique_ptr<CurlTransport>> CurlTransport::Create(
    CurlTransportOptions options) {
  GlobalInit();
  auto state = std::make_unique<State>();
  ASSIGN_OR_RETURN(state->cas, LoadCaFile(options.ca_file));
  state->options = std::move(options);
  return std::unique_ptr<CurlTransport>(new CurlTransport(std::move(state)));
}

CurlTransport::CurlTransport(std::unique_ptr<State> state)
    : state_(std::move(state)) {}

CurlTransport::~CurlTransport() {
  for (CURL* h : state_->idle) curl_easy_cleanup(h);
}

bool CurlTransport::AllowsPlainHttp(const std::string& url_host,
                                    const std::string& authority) const {
  return IsLoopbackHost(url_host) || Listed(url_host, authority);
}

bool CurlTransport::Listed(const std::string& url_host,
                           const std::string& authority) const {
  const auto& hosts = state_->options.insecure_hosts;
  return std::any_of(hosts.begin(), hosts.end(), [&](const std::string& h) {
    return EqualsIgnoreCase(h, authority) || EqualsIgnoreCase(h, url_host);
  });
}

Expected<HttpResponse> CurlTransport::Send(const HttpRequest& request) {
  std::string what = request.method + " " + request.url;
  auto url = ParseUrl(request.url);
  if (!url.ok()) return url.status().WithPrefix(what);
  if (url->scheme == "http" && !AllowsPlainHttp(url->host, url->Authority())) {
    return InvalidArgument(what +
                           ": plain HTTP is allowed only to loopback "
                           "hosts; " +
                           url->host + " must use HTTPS");
  }
  const CurlTransportOptions& o = state_->options;
  RequestCas cas{state_->cas.get(), nullptr};
  CURL* handle = state_->Take();
  if (handle == nullptr) return Internal(what + ": curl_easy_init failed");
  curl_easy_setopt(handle, CURLOPT_USERAGENT, o.user_agent.c_str());
  if (url->scheme == "https") {
    Status st = SetUpTls(handle, *url, &cas);
    if (!st.ok()) {
      state_->Give(handle);
      return st.WithPrefix(what);
    }
  }
  Expected<HttpResponse> result = RunTransfer(
      handle, request, {o.connect_timeout_seconds, o.stall_timeout_seconds});
  state_->Give(handle);
  if (result.ok()) return result;
  Status st = result.status().WithPrefix(what);
  if (url->scheme != "https" || !SpeaksPlainHttp(st)) return st;
  const std::string a = url->Authority();
  return Status(
      st.code(),
      st.message() + ": the server at " + a +
          " speaks plain HTTP; to use it so, pass --insecure-registry " + a +
          " or set insecure = true for it in registries.conf");
}

Status CurlTransport::SetUpTls(CURL* handle, const Url& url, void* cas_data) {
  const CurlTransportOptions& o = state_->options;
  auto* cas = static_cast<RequestCas*>(cas_data);
  curl_easy_setopt(handle, CURLOPT_SSL_CTX_FUNCTION, &AddExtraCas);
  curl_easy_setopt(handle, CURLOPT_SSL_CTX_DATA, cas);
  if (!o.tls_verify || Listed(url.host, url.Authority())) {
    curl_easy_setopt(handle, CURLOPT_SSL_VERIFYPEER, 0L);
    curl_easy_setopt(handle, CURLOPT_SSL_VERIFYHOST, 0L);
  }
  std::optional<HostTls> tls =
      FindHostTls(o.cert_roots, o.cert_dir, url.Authority());
  if (!tls) return Status::Ok();
  ASSIGN_OR_RETURN(cas->host, state_->DirCas(*tls));
  if (!tls->client_cert.empty()) {
    // libcurl copies these strings.
    curl_easy_setopt(handle, CURLOPT_SSLCERT, tls->client_cert.c_str());
    curl_easy_setopt(handle, CURLOPT_SSLKEY, tls->client_key.c_str());
  }
  return Status::Ok();
}

}  // namespace mybuild::registry
