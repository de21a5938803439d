// A scripted Transport for unit tests: the test lists the requests it expects
// and the reply to each; the fake checks every request against the script,
// fails the running test (gtest ADD_FAILURE) on a surprise, and on
// destruction reports steps that were never used.
#pragma once

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "registry/http.h"

namespace mybuild::registry::testing {

class ScriptedTransport : public Transport {
 public:
  // One expected request and its reply (a response, or a transport failure).
  struct Step {
    std::string method;
    std::string url;
    HttpHeaders required;             // fields that must be present, exactly
    std::vector<std::string> absent;  // field names that must not be
    std::optional<std::string> body;  // the whole request body, if checked
    Status failure;                   // when not ok, Send returns it
    HttpResponse response;

    Step& WithHeader(const std::string& name, std::string value);
    Step& WithoutHeader(std::string name);
    Step& WithBody(std::string expected);
    Step& Reply(int status, std::string body = "", HttpHeaders headers = {});
    // Adds a header field to the reply.
    Step& ReplyHeader(std::string name, std::string value);
    Step& Fail(Status status);
  };

  ScriptedTransport() = default;
  ~ScriptedTransport() override;

  // Appends a step. The reference stays valid until the fake is destroyed.
  Step& Expect(std::string method, std::string url);
  // Requests may arrive in any order (parallel transfers): each takes the
  // first unused step with its method and URL.
  void AnyOrder() { any_order_ = true; }

  // Checks `request` against the next step and plays its reply. A 2xx body
  // goes to the request's sink, if any. A request that matches no step fails
  // the test and returns kInternal.
  Expected<HttpResponse> Send(const HttpRequest& request) override;

  // Every request received, bodies read in (file bodies included).
  std::vector<HttpRequest> requests() const;
  size_t unused_steps() const;

 private:
  Step* FindStep(const HttpRequest& request, std::string* why);

  mutable std::mutex mu_;
  std::vector<std::unique_ptr<Step>> steps_;
  std::vector<bool> used_;
  size_t next_ = 0;
  bool any_order_ = false;
  std::vector<HttpRequest> requests_;
};

}  // namespace mybuild::registry::testing
