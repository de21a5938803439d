// One HTTP exchange on a prepared libcurl easy handle: request line, headers
// and body in; status, headers and body (or sink) out. Internal to
// CurlTransport, which sets the connection options first.
#pragma once

#include <curl/curl.h>

#include "registry/http.h"

namespace mybuild::registry {

// Runs `request` on `handle` (whose timeouts and TLS options are set).
// Errors are those of Transport::Send, without the "METHOD URL: " prefix.
Expected<HttpResponse> RunTransfer(CURL* handle, const HttpRequest& request);

}  // namespace mybuild::registry
