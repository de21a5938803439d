// ADD <url>: the file at an http(s) URL, fetched with libcurl.
#pragma once

#include <string>
#include <vector>

#include "base/status.h"

namespace mybuild::executor {

// The name ADD gives a URL's file: the last element of its path, or
// "__unnamed__" when it has none (as BuildKit names it).
std::string UrlFileName(const std::string& url);

struct FetchUrlOptions {
  // PEM file of CA certificates to trust instead of the system's (tests).
  std::string ca_file;
  // "host:port:address" entries that bypass DNS (CURLOPT_RESOLVE; tests).
  std::vector<std::string> resolve;
  // Seconds to connect (TLS handshake included), and without a byte.
  long connect_timeout_seconds = 30;
  long stall_timeout_seconds = 60;
};

// Downloads `url` to `dir`/UrlFileName(url) with mode 0600 and, when the
// server sends Last-Modified, that mtime; nothing is left there on failure.
// With `checksum` ("sha256:<hex>") the content must match it.
//
// Up to 10 redirects are followed, each checked: once https, never plain
// http again; and a redirect to a host other than the URL's own may not
// connect to a link-local (169.254.0.0/16, fe80::/10) or cloud metadata
// address (169.254.169.254, fd00:ec2::254), whatever name it goes by: the
// address connected to is checked. Fails:
//   ADD failed: GET "http://h/x": 404 Not Found
//   ADD failed: checksum of "http://h/x" is sha256:<got>, not sha256:<want>
//   ADD --checksum "md5:1": want sha256:<64 hex digits>
//   ADD https://a/x: redirect to http://b/x refused: https must not
//   downgrade to http
//   ADD http://a/x: redirect to http://m/x refused: connecting to
//   169.254.169.254 (a cloud metadata address)
Status FetchUrl(const std::string& url, const std::string& dir,
                const std::string& checksum,
                const FetchUrlOptions& options = {});

}  // namespace mybuild::executor
