#include "registry/curl_transfer.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <memory>

#include "base/fd.h"

namespace mybuild::registry {
namespace {

constexpr long kDownloadBuffer = 512 * 1024;  // curl's maximum before 7.88
constexpr long kUploadBuffer = 2 * 1024 * 1024;  // curl's maximum

// What the callbacks share during one transfer.
struct Exchange {
  const HttpRequest* request = nullptr;
  HttpResponse response;
  Status failure;  // set by a callback that aborted the transfer
  // Request body source.
  UniqueFd body_fd;
  int64_t read_offset = 0;
  int64_t remaining = 0;
};

bool StartsWithHttpVersion(std::string_view line) {
  return line.starts_with("HTTP/");
}

size_t OnHeader(char* data, size_t size, size_t n, void* user) {
  auto* ex = static_cast<Exchange*>(user);
  std::string_view line(data, size * n);
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) {
    line.remove_suffix(1);
  }
  if (StartsWithHttpVersion(line)) {
    // A new status line (after 100 Continue, say) starts a new response.
    ex->response = HttpResponse();
    size_t sp = line.find(' ');
    if (sp != std::string_view::npos) {
      ex->response.status =
          std::atoi(std::string(line.substr(sp + 1, 3)).c_str());
    }
    return size * n;
  }
  size_t colon = line.find(':');
  if (colon == std::string_view::npos) return size * n;
  std::string_view value = line.substr(colon + 1);
  while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) {
    value.remove_prefix(1);
  }
  ex->response.headers.Add(std::string(line.substr(0, colon)),
                           std::string(value));
  return size * n;
}

size_t OnBody(char* data, size_t size, size_t n, void* user) {
  auto* ex = static_cast<Exchange*>(user);
  std::string_view chunk(data, size * n);
  if (ex->request->sink != nullptr && ex->response.success()) {
    Status st = ex->request->sink->Write(chunk);
    if (!st.ok()) {
      ex->failure = st;
      return CURL_WRITEFUNC_ERROR;
    }
    return chunk.size();
  }
  std::string& body = ex->response.body;
  size_t room = HttpResponse::kMaxErrorBody -
                std::min(body.size(), HttpResponse::kMaxErrorBody);
  if (ex->response.success()) {
    body.append(chunk);
  } else {
    body.append(chunk.substr(0, room));
  }
  return chunk.size();
}

size_t OnRead(char* buffer, size_t size, size_t n, void* user) {
  auto* ex = static_cast<Exchange*>(user);
  size_t want =
      std::min<int64_t>(static_cast<int64_t>(size * n), ex->remaining);
  if (want == 0) return 0;
  if (!ex->body_fd.valid()) {
    std::memcpy(buffer, ex->request->body.data() + ex->read_offset, want);
    ex->read_offset += want;
    ex->remaining -= want;
    return want;
  }
  ssize_t got;
  do {
    got = ::pread(ex->body_fd.get(), buffer, want, ex->read_offset);
  } while (got < 0 && errno == EINTR);
  if (got <= 0) {
    ex->failure = got < 0 ? SysError("read", ex->request->body_file, errno)
                          : IoError("read \"" + ex->request->body_file +
                                    "\": file shrank while being sent");
    return CURL_READFUNC_ABORT;
  }
  ex->read_offset += got;
  ex->remaining -= got;
  if (ex->request->on_body_read) {
    ex->request->on_body_read(ex->read_offset - ex->request->body_offset);
  }
  return static_cast<size_t>(got);
}

// Opens the body file (or points at the in-memory body) and sets sizes.
Status PrepareBody(Exchange* ex) {
  const HttpRequest& r = *ex->request;
  if (r.body_file.empty()) {
    ex->remaining = static_cast<int64_t>(r.body.size());
    return Status::Ok();
  }
  ASSIGN_OR_RETURN(ex->body_fd, OpenFile(r.body_file, O_RDONLY));
  struct stat st;
  if (::fstat(ex->body_fd.get(), &st) != 0) {
    return SysError("stat", r.body_file, errno);
  }
  ex->read_offset = r.body_offset;
  int64_t available = std::max<int64_t>(0, st.st_size - r.body_offset);
  ex->remaining = r.body_length < 0 ? available : r.body_length;
  if (ex->remaining > available) {
    return IoError("read \"" + r.body_file + "\": wanted " +
                   std::to_string(ex->remaining) + " bytes at offset " +
                   std::to_string(r.body_offset) + ", file has " +
                   std::to_string(available));
  }
  return Status::Ok();
}

struct SlistDeleter {
  void operator()(curl_slist* l) const { curl_slist_free_all(l); }
};

std::unique_ptr<curl_slist, SlistDeleter> BuildHeaders(const HttpRequest& r) {
  curl_slist* list = nullptr;
  // Never wait for "100 Continue": registries answer uploads directly.
  list = curl_slist_append(list, "Expect:");
  for (const auto& [name, value] : r.headers.fields()) {
    std::string line = value.empty() ? name + ";" : name + ": " + value;
    list = curl_slist_append(list, line.c_str());
  }
  return std::unique_ptr<curl_slist, SlistDeleter>(list);
}

// True when the connection (and, for https, the TLS handshake) completed.
bool Connected(CURL* h) {
  curl_off_t tcp = 0, tls = 0;
  curl_easy_getinfo(h, CURLINFO_CONNECT_TIME_T, &tcp);
  curl_easy_getinfo(h, CURLINFO_APPCONNECT_TIME_T, &tls);
  char* url = nullptr;
  curl_easy_getinfo(h, CURLINFO_EFFECTIVE_URL, &url);
  bool https = url != nullptr && std::string_view(url).starts_with("https:");
  return tcp > 0 && (!https || tls > 0);
}

Status CurlFailure(CURL* h, CURLcode code, const char* errbuf,
                   const TransferLimits& limits) {
  std::string detail = errbuf[0] ? errbuf : curl_easy_strerror(code);
  if (code == CURLE_PEER_FAILED_VERIFICATION ||
      code == CURLE_SSL_CACERT_BADFILE) {
    return Status(ErrorCode::kUntrusted,
                  "the server's TLS certificate is not trusted (" + detail + ")");
  }
  if (code == CURLE_OPERATION_TIMEDOUT) {
    if (!Connected(h)) {
      return Unavailable("no connection within " +
                         std::to_string(limits.connect_timeout) +
                         " s (connect timeout)");
    }
    return Unavailable("no data from the server for " +
                       std::to_string(limits.stall_timeout) +
                       " s (stall timeout)");
  }
  if (code == CURLE_SSL_CONNECT_ERROR) {
    // A peer that hangs up mid-handshake may be worth another try; one that
    // answers with something other than TLS is not. Neither is a reason to
    // drop TLS.
    bool hung_up = detail.find("SSL_ERROR_SYSCALL") != std::string::npos ||
                   detail.find("reset by peer") != std::string::npos;
    std::string message = "TLS handshake failed (" + detail + ")";
    return hung_up ? Unavailable(message) : InvalidArgument(message);
  }
  if (code == CURLE_URL_MALFORMAT || code == CURLE_UNSUPPORTED_PROTOCOL) {
    return InvalidArgument(detail);
  }
  return Unavailable(detail);
}

}  // namespace

Expected<HttpResponse> RunTransfer(CURL* h, const HttpRequest& request,
                                   const TransferLimits& limits) {
  Exchange ex;
  ex.request = &request;
  RETURN_IF_ERROR(PrepareBody(&ex));
  auto headers = BuildHeaders(request);
  char errbuf[CURL_ERROR_SIZE] = {0};
  curl_easy_setopt(h, CURLOPT_ERRORBUFFER, errbuf);
  curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, limits.connect_timeout);
  curl_easy_setopt(h, CURLOPT_LOW_SPEED_LIMIT, 1L);
  curl_easy_setopt(h, CURLOPT_LOW_SPEED_TIME, limits.stall_timeout);
  // Blobs move in large pieces: fewer reads, writes and hash updates than
  // curl's 16 KiB (download) and 64 KiB (upload) defaults.
  curl_easy_setopt(h, CURLOPT_BUFFERSIZE, kDownloadBuffer);
  curl_easy_setopt(h, CURLOPT_UPLOAD_BUFFERSIZE, kUploadBuffer);
  curl_easy_setopt(h, CURLOPT_URL, request.url.c_str());
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers.get());
  curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, &OnHeader);
  curl_easy_setopt(h, CURLOPT_HEADERDATA, &ex);
  curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, &OnBody);
  curl_easy_setopt(h, CURLOPT_WRITEDATA, &ex);
  const std::string& m = request.method;
  if (m == "HEAD") {
    curl_easy_setopt(h, CURLOPT_NOBODY, 1L);
  } else if (m == "POST" || m == "PUT" || m == "PATCH") {
    curl_easy_setopt(h, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(h, CURLOPT_INFILESIZE_LARGE,
                     static_cast<curl_off_t>(ex.remaining));
    curl_easy_setopt(h, CURLOPT_READFUNCTION, &OnRead);
    curl_easy_setopt(h, CURLOPT_READDATA, &ex);
    curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, m.c_str());
  } else if (m != "GET") {
    curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, m.c_str());
  }
  CURLcode code = curl_easy_perform(h);
  if (!ex.failure.ok()) return ex.failure;
  if (code != CURLE_OK) return CurlFailure(h, code, errbuf, limits);
  return std::move(ex.response);
}

}  // namespace mybuild::registry
