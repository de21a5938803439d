// Tests only: a loopback HTTP/1.0 server with fixed answers, for ADD <url>.
//   /files/hello.txt  200 "hello", Last-Modified: Wed, 21 Oct 2015 07:28:00 GMT
//   /moved            302 to /files/hello.txt
//   /files/NAME       200 with the body given to Serve(NAME, body)
//   anything else     404
#pragma once

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <map>
#include <mutex>
#include <string>
#include <thread>

#include "base/fd.h"

namespace mybuild::executor::testing {

class TinyHttpServer {
 public:
  TinyHttpServer() {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a = {};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a);
    ::listen(fd_, 8);
    socklen_t len = sizeof a;
    ::getsockname(fd_, reinterpret_cast<sockaddr*>(&a), &len);
    port_ = ntohs(a.sin_port);
    thread_ = std::thread([this] { Loop(); });
  }
  ~TinyHttpServer() {
    stop_ = true;
    ::shutdown(fd_, SHUT_RDWR);
    ::close(fd_);
    thread_.join();
  }
  void Serve(const std::string& name, const std::string& body) {
    std::lock_guard<std::mutex> lock(mu_);
    bodies_["/files/" + name] = body;
  }
  std::string Url(const std::string& path) const {
    return "http://127.0.0.1:" + std::to_string(port_) + path;
  }

 private:
  void Loop() {
    while (!stop_) {
      int c = ::accept(fd_, nullptr, nullptr);
      if (c < 0) return;
      char buf[2048] = {};
      ssize_t n = ::read(c, buf, sizeof buf - 1);
      std::string req(buf, n > 0 ? n : 0);
      std::string path = req.substr(4, req.find(' ', 4) - 4);
      std::string reply, body;
      if (path == "/files/hello.txt") {
        reply =
            "HTTP/1.0 200 OK\r\nLast-Modified: Wed, 21 Oct 2015 07:28:00 "
            "GMT\r\n"
            "Content-Length: 5\r\n\r\nhello";
      } else if (Body(path, &body)) {
        reply = "HTTP/1.0 200 OK\r\nContent-Length: " +
                std::to_string(body.size()) + "\r\n\r\n" + body;
      } else if (path == "/moved") {
        reply =
            "HTTP/1.0 302 Found\r\nLocation: "
            "/files/hello.txt\r\nContent-Length: 0\r\n\r\n";
      } else {
        reply = "HTTP/1.0 404 Not Found\r\nContent-Length: 0\r\n\r\n";
      }
      (void)WriteAll(c, reply, "reply");
      ::close(c);
    }
  }
  bool Body(const std::string& path, std::string* body) {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = bodies_.find(path);
    if (it == bodies_.end()) return false;
    *body = it->second;
    return true;
  }
  std::mutex mu_;
  std::map<std::string, std::string> bodies_;
  int fd_;
  int port_ = 0;
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

}  // namespace mybuild::executor::testing
