// A loopback HTTP/1.1 server for transport tests: it answers each
// connection's one request with the next scripted raw reply and records what
// it received. Not a registry; see local_registry.h for the real one.
#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "base/fd.h"
#include "registry/http.h"

namespace mybuild::registry::testing {

struct ReceivedRequest {
  std::string method;
  std::string target;  // as on the request line: "/path?query"
  HttpHeaders headers;
  std::string body;
};

// A socket listening on 127.0.0.1 at a free port, and that port. Fails with
// the socket call's error.
struct LoopbackListener {
  UniqueFd fd;
  int port = 0;
};
Expected<LoopbackListener> ListenOnLoopback();

// Reads one request (head and Content-Length body) from `fd`: its raw
// bytes into `raw` and its parts into `r`. False when the peer closed first.
bool ReadRequest(int fd, std::string* raw, ReceivedRequest* r);

// "HTTP/1.1 <status> X\r\n" + headers + Content-Length + Connection: close.
std::string RawReply(int status, const HttpHeaders& headers,
                     const std::string& body);

class TinyHttpServer {
 public:
  // Listens on 127.0.0.1 at a free port. Connections beyond the scripted
  // replies get "500 unscripted". Fails with the socket call's error.
  static Expected<std::unique_ptr<TinyHttpServer>> Start(
      std::vector<std::string> raw_replies);
  // Answers every request with what `answer` returns for it (a raw reply,
  // see RawReply); called on the server's thread, one request at a time.
  using Answer = std::function<std::string(const ReceivedRequest&)>;
  static Expected<std::unique_ptr<TinyHttpServer>> StartAnswering(Answer answer);
  ~TinyHttpServer();

  int port() const { return port_; }
  // "http://127.0.0.1:<port><path>"
  std::string Url(const std::string& path) const;
  // Requests fully read so far, in arrival order.
  std::vector<ReceivedRequest> received() const;

 private:
  TinyHttpServer(UniqueFd listener, int port, std::vector<std::string> replies,
                 Answer answer);
  void Serve();
  void HandleOne(int fd);

  UniqueFd listener_;
  int port_;
  std::vector<std::string> replies_;
  Answer answer_;
  size_t next_ = 0;
  mutable std::mutex mu_;
  std::vector<ReceivedRequest> received_;
  bool stop_ = false;
  std::thread thread_;
};

}  // namespace mybuild::registry::testing
