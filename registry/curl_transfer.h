// One HTTP exchange on a prepared libcurl easy handle: request line, headers
// and body in; status, headers and body (or sink) out. Internal to
// CurlTransport, which sets the connection options first.
#pragma once

#include <curl/curl.h>

#include "registry/http.h"

namespace mybuild::registry {

struct TransferLimits {
  // Seconds to establish the connection, TLS handshake included.
  long connect_timeout = 30;
  // Seconds without a byte (below 1 byte/s) after which it is abandoned.
  long stall_timeout = 60;
};

// Runs `request` on `handle` (whose TLS options are set) within `limits`.
// Errors are those of Transport::Send, without the "METHOD URL: " prefix;
// a timeout is kUnavailable
//   no connection within 30 s (connect timeout)
//   no data from the server for 60 s (stall timeout)
// and a failed TLS handshake kInvalidArgument "TLS handshake failed (...)"
// (kUnavailable when the peer just hung up or reset the connection).
Expected<HttpResponse> RunTransfer(CURL* handle, const HttpRequest& request,
                                   const TransferLimits& limits);

}  // namespace mybuild::registry
