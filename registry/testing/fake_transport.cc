#include "registry/testing/fake_transport.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <memory>

#include "base/fd.h"

namespace mybuild::registry::testing {
namespace {

// The request body as the server would see it.
Expected<std::string> BodyOf(const HttpRequest& r) {
  if (r.body_file.empty()) return r.body;
  ASSIGN_OR_RETURN(std::string all, ReadFile(r.body_file));
  if (r.body_offset > static_cast<int64_t>(all.size())) return std::string();
  return r.body_length < 0 ? all.substr(r.body_offset)
                           : all.substr(r.body_offset, r.body_length);
}

std::string Mismatch(const ScriptedTransport::Step& s, const HttpRequest& r,
                     const std::string& body) {
  if (s.method != r.method || s.url != r.url) {
    return "expected " + s.method + " " + s.url;
  }
  for (const auto& [name, value] : s.required.fields()) {
    if (r.headers.Get(name) != value) {
      return "header " + name + " is \"" + r.headers.Get(name) +
             "\", expected \"" + value + "\"";
    }
  }
  for (const auto& name : s.absent) {
    if (r.headers.Has(name)) return "header " + name + " should be absent";
  }
  if (s.body && *s.body != body) {
    return "body is \"" + body + "\", expected \"" + *s.body + "\"";
  }
  return "";
}

}  // namespace

using Step = ScriptedTransport::Step;

Step& Step::WithHeader(const std::string& name, std::string value) {
  required.Add(name, std::move(value));
  return *this;
}
Step& Step::WithoutHeader(std::string name) {
  absent.push_back(std::move(name));
  return *this;
}
Step& Step::WithBody(std::string expected) {
  body = std::move(expected);
  return *this;
}
Step& Step::Reply(int status, std::string b, HttpHeaders headers) {
  response.status = status;
  response.body = std::move(b);
  response.headers = std::move(headers);
  return *this;
}
Step& Step::ReplyHeader(std::string name, std::string value) {
  response.headers.Add(std::move(name), std::move(value));
  return *this;
}
Step& Step::Fail(Status status) {
  failure = std::move(status);
  return *this;
}

ScriptedTransport::~ScriptedTransport() {
  for (size_t i = 0; i < steps_.size(); ++i) {
    if (!used_[i]) {
      ADD_FAILURE() << "scripted request never made: " << steps_[i]->method
                    << " " << steps_[i]->url;
    }
  }
}

Step& ScriptedTransport::Expect(std::string method, std::string url) {
  std::lock_guard<std::mutex> lock(mu_);
  steps_.push_back(std::make_unique<Step>());
  used_.push_back(false);
  steps_.back()->method = std::move(method);
  steps_.back()->url = std::move(url);
  return *steps_.back();
}

Step* ScriptedTransport::FindStep(const HttpRequest& request,
                                  std::string* why) {
  const std::string& body = requests_.back().body;
  for (size_t i = any_order_ ? 0 : next_; i < steps_.size(); ++i) {
    if (used_[i]) continue;
    const Step& s = *steps_[i];
    bool same_target = s.method == request.method && s.url == request.url;
    if (any_order_ && !same_target) continue;
    *why = Mismatch(s, request, body);
    // A step is spent even when it did not match, so one surprise is
    // reported once.
    used_[i] = true;
    if (!any_order_) next_ = i + 1;
    return why->empty() ? steps_[i].get() : nullptr;
  }
  if (why->empty()) *why = "no step left for it";
  return nullptr;
}

Expected<HttpResponse> ScriptedTransport::Send(const HttpRequest& request) {
  std::lock_guard<std::mutex> lock(mu_);
  requests_.push_back(request);
  requests_.back().sink = nullptr;
  auto body = BodyOf(request);
  if (!body.ok()) return body.status();
  requests_.back().body = *body;
  requests_.back().body_file.clear();
  std::string why;
  Step* step = FindStep(request, &why);
  if (step == nullptr) {
    std::string what = request.method + " " + request.url + ": " + why;
    ADD_FAILURE() << "unexpected request " << what;
    return Internal("scripted transport: unexpected request " + what);
  }
  if (!step->failure.ok()) return step->failure;
  HttpResponse response = step->response;
  if (request.sink != nullptr && response.success()) {
    RETURN_IF_ERROR(request.sink->Write(response.body));
    response.body.clear();
  }
  return response;
}

std::vector<HttpRequest> ScriptedTransport::requests() const {
  std::lock_guard<std::mutex> lock(mu_);
  return requests_;
}

size_t ScriptedTransport::unused_steps() const {
  std::lock_guard<std::mutex> lock(mu_);
  return std::count(used_.begin(), used_.end(), false);
}

}  // namespace mybuild::registry::testing
