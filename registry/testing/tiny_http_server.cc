#include "registry/testing/tiny_http_server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>

#include <cerrno>
#include <cstdlib>

namespace mybuild::registry::testing {
namespace {

// Reads until `out` holds `want` bytes past `from`, or the peer closes.
bool ReadUntil(int fd, std::string* out, size_t want) {
  char buf[16384];
  while (out->size() < want) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    out->append(buf, static_cast<size_t>(n));
  }
  return true;
}

bool ReadHead(int fd, std::string* data, size_t* head_end) {
  while ((*head_end = data->find("\r\n\r\n")) == std::string::npos) {
    if (!ReadUntil(fd, data, data->size() + 1)) return false;
  }
  *head_end += 4;
  return true;
}

ReceivedRequest ParseHead(const std::string& head) {
  ReceivedRequest r;
  size_t eol = head.find("\r\n");
  std::string line = head.substr(0, eol);
  size_t sp1 = line.find(' '), sp2 = line.rfind(' ');
  r.method = line.substr(0, sp1);
  r.target = line.substr(sp1 + 1, sp2 - sp1 - 1);
  size_t pos = eol + 2;
  while (pos < head.size()) {
    size_t end = head.find("\r\n", pos);
    std::string field = head.substr(pos, end - pos);
    pos = end + 2;
    size_t colon = field.find(':');
    if (field.empty() || colon == std::string::npos) continue;
    size_t v = field.find_first_not_of(' ', colon + 1);
    r.headers.Add(field.substr(0, colon),
                  v == std::string::npos ? "" : field.substr(v));
  }
  return r;
}

}  // namespace

std::string RawReply(int status, const HttpHeaders& headers,
                     const std::string& body) {
  std::string out = "HTTP/1.1 " + std::to_string(status) + " X\r\n";
  for (const auto& [n, v] : headers.fields()) out += n + ": " + v + "\r\n";
  out += "Content-Length: " + std::to_string(body.size()) + "\r\n";
  out += "Connection: close\r\n\r\n" + body;
  return out;
}

Expected<LoopbackListener> ListenOnLoopback() {
  UniqueFd fd(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
  if (!fd.valid()) return SysError("socket", "", errno);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof addr;
  if (::bind(fd.get(), reinterpret_cast<sockaddr*>(&addr), len) != 0 ||
      ::listen(fd.get(), 16) != 0 ||
      ::getsockname(fd.get(), reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
    return SysError("bind", "127.0.0.1", errno);
  }
  return LoopbackListener{std::move(fd), ntohs(addr.sin_port)};
}

Expected<std::unique_ptr<TinyHttpServer>> TinyHttpServer::Start(
    std::vector<std::string> raw_replies) {
  ASSIGN_OR_RETURN(LoopbackListener l, ListenOnLoopback());
  return std::unique_ptr<TinyHttpServer>(
      new TinyHttpServer(std::move(l.fd), l.port, std::move(raw_replies), nullptr));
}

Expected<std::unique_ptr<TinyHttpServer>> TinyHttpServer::StartAnswering(Answer answer) {
  ASSIGN_OR_RETURN(LoopbackListener l, ListenOnLoopback());
  return std::unique_ptr<TinyHttpServer>(
      new TinyHttpServer(std::move(l.fd), l.port, {}, std::move(answer)));
}

TinyHttpServer::TinyHttpServer(UniqueFd listener, int port,
                               std::vector<std::string> replies, Answer answer)
    : listener_(std::move(listener)),
      port_(port),
      replies_(std::move(replies)),
      answer_(std::move(answer)),
      thread_([this] { Serve(); }) {}

TinyHttpServer::~TinyHttpServer() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
  }
  thread_.join();
}

std::string TinyHttpServer::Url(const std::string& path) const {
  return "http://127.0.0.1:" + std::to_string(port_) + path;
}

std::vector<ReceivedRequest> TinyHttpServer::received() const {
  std::lock_guard<std::mutex> lock(mu_);
  return received_;
}

void TinyHttpServer::Serve() {
  for (;;) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (stop_) return;
    }
    pollfd p{listener_.get(), POLLIN, 0};
    if (::poll(&p, 1, 20) <= 0) continue;
    UniqueFd conn(::accept4(listener_.get(), nullptr, nullptr, SOCK_CLOEXEC));
    if (conn.valid()) HandleOne(conn.get());
  }
}

bool ReadRequest(int fd, std::string* raw, ReceivedRequest* r) {
  std::string& data = *raw;
  size_t head_end = 0;
  if (!ReadHead(fd, &data, &head_end)) return false;
  *r = ParseHead(data.substr(0, head_end));
  size_t length =
      std::strtoul(r->headers.Get("Content-Length").c_str(), nullptr, 10);
  if (!ReadUntil(fd, &data, head_end + length)) return false;
  r->body = data.substr(head_end, length);
  data.resize(head_end + length);
  return true;
}

void TinyHttpServer::HandleOne(int fd) {
  std::string data;
  ReceivedRequest r;
  if (!ReadRequest(fd, &data, &r)) return;
  std::string reply = answer_                 ? answer_(r)
                      : next_ < replies_.size() ? replies_[next_++]
                                                : RawReply(500, {}, "unscripted");
  {
    std::lock_guard<std::mutex> lock(mu_);
    received_.push_back(std::move(r));
  }
  (void)WriteAll(fd, reply, "reply");
  ::shutdown(fd, SHUT_WR);
}

}  // namespace mybuild::registry::testing
