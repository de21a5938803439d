// Turns a registry's failed answer into the message a user reads. Registries
// answer errors with {"errors": [{"code": "DENIED", "message": "..."}]};
// Docker prints these as "denied: requested access to the resource is
// denied", and so do we.
#pragma once

#include <string>

#include "base/status.h"
#include "registry/http.h"

namespace mybuild::registry {

// The registry's own words for a non-2xx `response`:
//  - each entry of its JSON "errors" as "<code>: <message>" (code lower-cased
//    with '_' as ' '; message alone when there is no code), joined by "; ";
//  - else a token server's {"details": "..."} text;
//  - else, for a 401, "unauthorized: authentication required" (what
//    registries say in the body a HEAD answer lacks);
//  - else "HTTP <status> <reason>" (e.g. "HTTP 502 Bad Gateway");
// with " (after N attempts)" when retries ran out (retry.h's
// X-Mybuild-Attempts).
std::string DescribeError(const HttpResponse& response);

// DescribeError as a Status: kNotFound for 404, kUnavailable for 429 and
// 5xx, kUnauthenticated for 401 and 403, kInvalidArgument for other 4xx.
Status ErrorFromResponse(const HttpResponse& response);

}  // namespace mybuild::registry
