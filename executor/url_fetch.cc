#include "executor/url_fetch.h"

#include <curl/curl.h>
#include <sys/stat.h>

#include <cerrno>
#include <memory>

#include "base/fd.h"
#include "base/sha256.h"

namespace mybuild::executor {
namespace {

struct Sink {
  int fd;
  Sha256 hash;
  bool failed = false;
};

size_t OnData(char* data, size_t size, size_t n, void* user) {
  Sink* s = static_cast<Sink*>(user);
  size_t len = size * n;
  if (!WriteAll(s->fd, std::string_view(data, len), "download").ok()) {
    s->failed = true;
    return 0;
  }
  s->hash.Update(data, len);
  return len;
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
                const std::string& checksum) {
  std::string want;
  if (!checksum.empty()) {
    if (checksum.rfind("sha256:", 0) != 0 || checksum.size() != 7 + 64 ||
        checksum.find_first_not_of("0123456789abcdef", 7) !=
            std::string::npos) {
      return InvalidArgument("ADD --checksum \"" + checksum +
                             "\": want sha256:<64 hex digits>");
    }
    want = checksum.substr(7);
  }
  const std::string path = dir + "/" + UrlFileName(url);
  ASSIGN_OR_RETURN(UniqueFd fd,
                   OpenFile(path, O_WRONLY | O_CREAT | O_TRUNC, 0600));
  std::unique_ptr<CURL, void (*)(CURL*)> curl(curl_easy_init(),
                                              curl_easy_cleanup);
  if (!curl) return Internal("curl_easy_init failed");
  Sink sink{fd.get(), Sha256()};
  char error[CURL_ERROR_SIZE] = {};
  curl_easy_setopt(curl.get(), CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl.get(), CURLOPT_FOLLOWLOCATION, 1L);
  curl_easy_setopt(curl.get(), CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(curl.get(), CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(curl.get(), CURLOPT_FILETIME, 1L);
  curl_easy_setopt(curl.get(), CURLOPT_WRITEFUNCTION, OnData);
  curl_easy_setopt(curl.get(), CURLOPT_WRITEDATA, &sink);
  curl_easy_setopt(curl.get(), CURLOPT_ERRORBUFFER, error);
  curl_easy_setopt(curl.get(), CURLOPT_USERAGENT, "mybuild");
  CURLcode rc = curl_easy_perform(curl.get());
  if (sink.failed) return SysError("write", path, errno);
  if (rc != CURLE_OK) {
    return Unavailable("ADD failed: GET \"" + url +
                       "\": " + (error[0] ? error : curl_easy_strerror(rc)));
  }
  long code = 0;
  curl_easy_getinfo(curl.get(), CURLINFO_RESPONSE_CODE, &code);
  if (code >= 400)
    return Unavailable("ADD failed: GET \"" + url + "\": " + Reason(code));
  std::string got = sink.hash.HexDigest();
  if (!want.empty() && got != want) {
    return InvalidArgument("ADD failed: checksum of \"" + url +
                           "\" is sha256:" + got + ", not sha256:" + want);
  }
  curl_off_t mtime = -1;
  curl_easy_getinfo(curl.get(), CURLINFO_FILETIME_T, &mtime);
  if (mtime >= 0) {
    struct timespec t[2] = {{static_cast<time_t>(mtime), 0},
                            {static_cast<time_t>(mtime), 0}};
    if (::futimens(fd.get(), t) != 0) return SysError("futimens", path, errno);
  }
  if (::fchmod(fd.get(), 0600) != 0) return SysError("chmod", path, errno);
  return Status::Ok();
}

}  // namespace mybuild::executor
