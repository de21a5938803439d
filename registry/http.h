// The HTTP vocabulary of the registry client: a request, its response, and
// the Transport interface that sends one. The libcurl implementation lives in
// curl_transport.h; tests use the scripted fake in fake_transport.h.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/status.h"

namespace mybuild::registry {

// Header fields in the order they were added; names compare
// case-insensitively, values are kept as given.
class HttpHeaders {
 public:
  // Appends a field (several fields may share a name).
  void Add(std::string name, std::string value);
  // Replaces every field called `name` with one.
  void Set(const std::string& name, std::string value);
  void Remove(const std::string& name);
  // The first value of `name`, or "" when there is none.
  std::string Get(std::string_view name) const;
  // Every value of `name`, in order.
  std::vector<std::string> GetAll(std::string_view name) const;
  bool Has(std::string_view name) const;

  const std::vector<std::pair<std::string, std::string>>& fields() const {
    return fields_;
  }
  bool operator==(const HttpHeaders&) const = default;

 private:
  std::vector<std::pair<std::string, std::string>> fields_;
};

// Case-insensitive ASCII comparison, for header names and auth schemes.
bool EqualsIgnoreCase(std::string_view a, std::string_view b);

// Where a successful response's body goes when it should not be held in
// memory (blobs). A transport writes the body of a 2xx response in order
// through Write; a failing Write aborts the transfer with that Status.
class BodySink {
 public:
  virtual ~BodySink() = default;
  virtual Status Write(std::string_view data) = 0;
  // Discards everything written so far; called before a request is re-sent
  // after a transfer that failed half way.
  virtual Status Reset() = 0;
};

// A sink that appends to a string (tests, small documents).
class StringSink : public BodySink {
 public:
  Status Write(std::string_view data) override;
  Status Reset() override;
  const std::string& data() const { return data_; }

 private:
  std::string data_;
};

struct HttpRequest {
  std::string method = "GET";
  std::string url;  // absolute: scheme://host[:port]/path[?query]
  HttpHeaders headers;
  // The body is `body`, unless `body_file` is set: then `body_length` bytes
  // (all of the rest when -1) of that file from `body_offset` are streamed.
  std::string body;
  std::string body_file;
  int64_t body_offset = 0;
  int64_t body_length = -1;
  // When set, a 2xx response's body is streamed here rather than kept in
  // HttpResponse::body. Not owned.
  BodySink* sink = nullptr;
  // When set, told how many bytes of the body have been read for sending
  // so far (as the transport sends them; from its thread). Not owned.
  std::function<void(int64_t)> on_body_read;
  // False for requests that must not be sent twice (a PATCH of an upload
  // chunk, a probe whose failure is an answer): retrying layers send it once.
  bool retry = true;
};

struct HttpResponse {
  int status = 0;
  HttpHeaders headers;
  // The body, unless it was a 2xx body given to the request's sink. Bodies
  // kept in memory for non-2xx answers are cut at kMaxErrorBody bytes.
  std::string body;

  static constexpr size_t kMaxErrorBody = 1 << 20;
  bool success() const { return status >= 200 && status < 300; }
};

// Sends one HTTP exchange. Redirects are not followed: a 3xx comes back as a
// response for the caller to act on.
//
// Fails (no response at all) with:
//  - kUnavailable when the peer could not be reached or the transfer broke
//    off (worth retrying);
//  - kInvalidArgument when the request is refused before any traffic (plain
//    HTTP to a host that must use TLS, a malformed URL), the server's TLS
//    certificate is not trusted or the TLS handshake failed other than by
//    the peer hanging up (retrying cannot help);
//  - kIo when the body file cannot be read or the sink refuses data.
// Implementations are safe to call from several threads at once.
class Transport {
 public:
  virtual ~Transport() = default;
  virtual Expected<HttpResponse> Send(const HttpRequest& request) = 0;
};

}  // namespace mybuild::registry
