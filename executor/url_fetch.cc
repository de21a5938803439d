#include "executor/url_fetch.h"

#include <arpa/inet.h>
#include <curl/curl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <memory>

#include "base/fd.h"
#include "base/sha256.h"

namespace mybuild::executor {
namespace {

constexpr int kMaxRedirects = 10;

// The download's temp file, removed unless it was renamed into place.
struct Download {
  std::string path;
  UniqueFd fd;
  Sha256 hash;
  int error = 0;  // errno of a failed write
  bool kept = false;
  ~Download() {
    if (!kept && !path.empty()) ::unlink(path.c_str());
  }
  // Forgets what an earlier response (a redirect's body) wrote.
  Status Restart() {
    if (::ftruncate(fd.get(), 0) != 0 || ::lseek(fd.get(), 0, SEEK_SET) != 0) {
      return SysError("truncate", path, errno);
    }
    hash = Sha256();
    return Status::Ok();
  }
};

size_t OnData(char* data, size_t size, size_t n, void* user) {
  auto* d = static_cast<Download*>(user);
  size_t len = size * n;
  if (!WriteAll(d->fd.get(), std::string_view(data, len), d->path).ok()) {
    d->error = errno == 0 ? EIO : errno;
    return 0;
  }
  d->hash.Update(data, len);
  return len;
}

// Whether the socket about to be opened may be, for one request.
struct AddressGuard {
  bool restricted = false;  // a redirect to a host the user did not name
  std::string refused;      // why a connection was refused
};

// "a link-local address" and the like for addresses a redirect must not
// reach, "" for the rest.
std::string ForbiddenV4(uint32_t ip) {
  if (ip == 0xA9FEA9FE) return "a cloud metadata address";  // 169.254.169.254
  if ((ip >> 16) == 0xA9FE) return "a link-local address";  // 169.254/16
  return "";
}

std::string Forbidden(const sockaddr* a) {
  if (a->sa_family == AF_INET) {
    return ForbiddenV4(
        ntohl(reinterpret_cast<const sockaddr_in*>(a)->sin_addr.s_addr));
  }
  if (a->sa_family != AF_INET6) return "";
  const in6_addr& v6 = reinterpret_cast<const sockaddr_in6*>(a)->sin6_addr;
  const uint8_t* b = v6.s6_addr;
  if (IN6_IS_ADDR_V4MAPPED(&v6)) {
    return ForbiddenV4(uint32_t{b[12]} << 24 | uint32_t{b[13]} << 16 |
                       uint32_t{b[14]} << 8 | b[15]);
  }
  static const uint8_t kAwsMetadata[16] = {
      0xfd, 0x00, 0x0e, 0xc2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0x54};
  if (std::memcmp(b, kAwsMetadata, 16) == 0) return "a cloud metadata address";
  if (b[0] == 0xfe && (b[1] & 0xc0) == 0x80) return "a link-local address";
  return "";
}

std::string AddressText(const sockaddr* a) {
  char buf[INET6_ADDRSTRLEN] = "?";
  const void* raw =
      a->sa_family == AF_INET
          ? static_cast<const void*>(
                &reinterpret_cast<const sockaddr_in*>(a)->sin_addr)
          : static_cast<const void*>(
                &reinterpret_cast<const sockaddr_in6*>(a)->sin6_addr);
  ::inet_ntop(a->sa_family, raw, buf, sizeof buf);
  return buf;
}

// Checks the address curl is about to connect to (after any name lookup),
// so a name that resolves to a metadata address is caught too.
curl_socket_t OpenSocket(void* user, curlsocktype purpose,
                         curl_sockaddr* address) {
  auto* guard = static_cast<AddressGuard*>(user);
  if (purpose == CURLSOCKTYPE_IPCXN && guard->restricted) {
    std::string why = Forbidden(&address->addr);
    if (!why.empty()) {
      guard->refused =
          "connecting to " + AddressText(&address->addr) + " (" + why + ")";
      return CURL_SOCKET_BAD;
    }
  }
  return ::socket(address->family, address->socktype | SOCK_CLOEXEC,
                  address->protocol);
}

// The lower-case scheme and host of `url`; empty when it does not parse
// (curl then reports the bad URL itself).
std::pair<std::string, std::string> SchemeAndHost(const std::string& url) {
  std::unique_ptr<CURLU, void (*)(CURLU*)> u(curl_url(), curl_url_cleanup);
  std::string parts[2];
  CURLUPart which[2] = {CURLUPART_SCHEME, CURLUPART_HOST};
  if (u && curl_url_set(u.get(), CURLUPART_URL, url.c_str(), 0) == CURLUE_OK) {
    for (int i = 0; i < 2; ++i) {
      char* part = nullptr;
      if (curl_url_get(u.get(), which[i], &part, 0) == CURLUE_OK) {
        parts[i] = part;
        curl_free(part);
      }
      for (char& c : parts[i]) c = static_cast<char>(std::tolower(c));
    }
  }
  return {parts[0], parts[1]};
}

std::string Reason(long code) {
  switch (code) {
    case 401:
      return "401 Unauthorized";
    case 403:
      return "403 Forbidden";
    case 404:
      return "404 Not Found";
    case 500:
      return "500 Internal Server Error";
    default:
      return std::to_string(code);
  }
}

Status CheckChecksum(const std::string& checksum, std::string* want) {
  if (checksum.empty()) return Status::Ok();
  if (checksum.rfind("sha256:", 0) != 0 || checksum.size() != 7 + 64 ||
      checksum.find_first_not_of("0123456789abcdef", 7) != std::string::npos) {
    return InvalidArgument("ADD --checksum \"" + checksum +
                           "\": want sha256:<64 hex digits>");
  }
  *want = checksum.substr(7);
  return Status::Ok();
}

Expected<std::unique_ptr<Download>> CreateDownload(const std::string& dir) {
  auto d = std::make_unique<Download>();
  std::string tmpl = dir + "/.add-download-XXXXXX";
  std::vector<char> buf(tmpl.begin(), tmpl.end());
  buf.push_back('\0');
  int fd = ::mkostemp(buf.data(), O_CLOEXEC);
  if (fd < 0) return SysError("mkstemp", tmpl, errno);
  d->path = buf.data();
  d->fd = UniqueFd(fd);
  return d;
}

using CurlHandle = std::unique_ptr<CURL, void (*)(CURL*)>;

void SetOptions(CURL* h, const FetchUrlOptions& o, Download* d,
                AddressGuard* guard, curl_slist* resolve, char* error) {
  curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(h, CURLOPT_FILETIME, 1L);
  curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, OnData);
  curl_easy_setopt(h, CURLOPT_WRITEDATA, d);
  curl_easy_setopt(h, CURLOPT_OPENSOCKETFUNCTION, OpenSocket);
  curl_easy_setopt(h, CURLOPT_OPENSOCKETDATA, guard);
  curl_easy_setopt(h, CURLOPT_ERRORBUFFER, error);
  curl_easy_setopt(h, CURLOPT_USERAGENT, "mybuild");
  curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, o.connect_timeout_seconds);
  curl_easy_setopt(h, CURLOPT_LOW_SPEED_LIMIT, 1L);
  curl_easy_setopt(h, CURLOPT_LOW_SPEED_TIME, o.stall_timeout_seconds);
  if (!o.ca_file.empty())
    curl_easy_setopt(h, CURLOPT_CAINFO, o.ca_file.c_str());
  if (resolve != nullptr) curl_easy_setopt(h, CURLOPT_RESOLVE, resolve);
}

// GETs `url`, following redirects by hand so each one is checked; returns
// the final response code, the body in `d`.
Expected<long> Get(CURL* h, const std::string& url, Download* d,
                   AddressGuard* guard, const char* error) {
  auto [first_scheme, first_host] = SchemeAndHost(url);
  std::string current = url;
  for (int hop = 0;; ++hop) {
    RETURN_IF_ERROR(d->Restart());
    auto [scheme, host] = SchemeAndHost(current);
    guard->restricted = hop > 0 && host != first_host;
    guard->refused.clear();
    curl_easy_setopt(h, CURLOPT_URL, current.c_str());
    CURLcode rc = curl_easy_perform(h);
    if (d->error != 0) return SysError("write", d->path, d->error);
    if (!guard->refused.empty()) {
      return InvalidArgument("ADD " + url + ": redirect to " + current +
                             " refused: " + guard->refused);
    }
    if (rc != CURLE_OK) {
      return Unavailable("ADD failed: GET \"" + url +
                         "\": " + (error[0] ? error : curl_easy_strerror(rc)));
    }
    long code = 0;
    char* location = nullptr;
    curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &code);
    curl_easy_getinfo(h, CURLINFO_REDIRECT_URL, &location);
    if (code < 300 || code >= 400 || location == nullptr) return code;
    std::string next = location;
    if (hop == kMaxRedirects) {
      return Unavailable("ADD failed: GET \"" + url + "\": more than " +
                         std::to_string(kMaxRedirects) + " redirects");
    }
    if (scheme == "https" && SchemeAndHost(next).first != "https") {
      return InvalidArgument("ADD " + url + ": redirect to " + next +
                             " refused: https must not downgrade to http");
    }
    current = next;
  }
}

}  // namespace

std::string UrlFileName(const std::string& url) {
  std::string path = url.substr(0, url.find_first_of("?#"));
  size_t scheme = path.find("://");
  size_t slash = path.find('/', scheme == std::string::npos ? 0 : scheme + 3);
  if (slash == std::string::npos) return "__unnamed__";
  path = path.substr(slash);
  while (path.size() > 1 && path.back() == '/') path.pop_back();
  std::string base = path.substr(path.rfind('/') + 1);
  return base.empty() || base == "." ? "__unnamed__" : base;
}

Status FetchUrl(const std::string& url, const std::string& dir,
                const std::string& checksum, const FetchUrlOptions& options) {
  std::string want;
  RETURN_IF_ERROR(CheckChecksum(checksum, &want));
  ASSIGN_OR_RETURN(std::unique_ptr<Download> d, CreateDownload(dir));
  CurlHandle curl(curl_easy_init(), curl_easy_cleanup);
  if (!curl) return Internal("curl_easy_init failed");
  std::unique_ptr<curl_slist, void (*)(curl_slist*)> resolve(
      nullptr, curl_slist_free_all);
  for (const std::string& entry : options.resolve) {
    resolve.reset(curl_slist_append(resolve.release(), entry.c_str()));
  }
  AddressGuard guard;
  char error[CURL_ERROR_SIZE] = {};
  SetOptions(curl.get(), options, d.get(), &guard, resolve.get(), error);
  ASSIGN_OR_RETURN(long code, Get(curl.get(), url, d.get(), &guard, error));
  if (code >= 400) {
    return Unavailable("ADD failed: GET \"" + url + "\": " + Reason(code));
  }
  std::string got = d->hash.HexDigest();
  if (!want.empty() && got != want) {
    return InvalidArgument("ADD failed: checksum of \"" + url +
                           "\" is sha256:" + got + ", not sha256:" + want);
  }
  curl_off_t mtime = -1;
  curl_easy_getinfo(curl.get(), CURLINFO_FILETIME_T, &mtime);
  if (mtime >= 0) {
    struct timespec t[2] = {{static_cast<time_t>(mtime), 0},
                            {static_cast<time_t>(mtime), 0}};
    if (::futimens(d->fd.get(), t) != 0) {
      return SysError("futimens", d->path, errno);
    }
  }
  if (::fchmod(d->fd.get(), 0600) != 0)
    return SysError("chmod", d->path, errno);
  const std::string path = dir + "/" + UrlFileName(url);
  if (::rename(d->path.c_str(), path.c_str()) != 0) {
    return SysError("rename", path, errno);
  }
  d->kept = true;
  return Status::Ok();
}

}  // namespace mybuild::executor
