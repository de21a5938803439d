// ADD <url>: the file at an http(s) URL, fetched with libcurl.
#pragma once

#include <string>

#include "base/status.h"

namespace mybuild::executor {

// The name ADD gives a URL's file: the last element of its path, or
// "__unnamed__" when it has none (as BuildKit names it).
std::string UrlFileName(const std::string& url);

// Downloads `url` (redirects followed) to `dir`/UrlFileName(url) with mode
// 0600 and, when the server sends Last-Modified, that mtime. With
// `checksum` ("sha256:<hex>") the content must match it. Fails:
//   ADD failed: GET "http://h/x": 404 Not Found
//   ADD failed: checksum of "http://h/x" is sha256:<got>, not sha256:<want>
//   ADD --checksum "md5:1": want sha256:<64 hex digits>
Status FetchUrl(const std::string& url, const std::string& dir,
                const std::string& checksum);

}  // namespace mybuild::executor
