// Times the frontend and the planner over a generated chain of N stages:
//   FROM scratch AS s0 / WORKDIR /x, then for each i
//   FROM s<i-1> AS s<i> / COPY --from=s<i-1> /x /y
// for N = 10,000, 50,000 and 100,000 (or the counts given). Planning
// should grow as parsing does: linearly.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "frontend/dockerfile.h"
#include "planner/plan_build.h"

namespace {

using mybuild::Expected;
namespace planner = mybuild::planner;

class NoImages : public planner::ImageConfigResolver {
 public:
  Expected<planner::ResolvedImage> Resolve(const std::string& ref) override {
    return mybuild::NotFound("no image " + ref);
  }
};

class FixedDigests : public planner::SourceDigester {
 public:
  Expected<std::string> Digest(const std::vector<std::string>&) override {
    return std::string("sha256:0");
  }
};

std::string Chain(int stages) {
  std::string text = "FROM scratch AS s0\nWORKDIR /x\n";
  for (int i = 1; i < stages; ++i) {
    const std::string prev = "s" + std::to_string(i - 1);
    text += "FROM " + prev + " AS s" + std::to_string(i) + "\nCOPY --from=" +
            prev + " /x /y\n";
  }
  return text;
}

double Seconds(std::chrono::steady_clock::time_point since) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - since)
      .count();
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<int> counts = {10000, 50000, 100000};
  if (argc > 1) counts.clear();
  for (int i = 1; i < argc; ++i) counts.push_back(std::atoi(argv[i]));
  std::printf("%10s %10s %10s\n", "stages", "parse s", "plan s");
  for (int n : counts) {
    const std::string text = Chain(n);
    auto start = std::chrono::steady_clock::now();
    auto df = mybuild::frontend::ParseDockerfile(text, "Dockerfile");
    const double parse = Seconds(start);
    if (!df.ok()) {
      std::fprintf(stderr, "%s\n", df.status().message().c_str());
      return 1;
    }
    NoImages images;
    FixedDigests sources;
    start = std::chrono::steady_clock::now();
    auto graph = planner::PlanBuild(*df, planner::BuildRequest{}, images, sources);
    const double plan = Seconds(start);
    if (!graph.ok()) {
      std::fprintf(stderr, "%s\n", graph.status().message().c_str());
      return 1;
    }
    std::printf("%10d %10.2f %10.2f\n", n, parse, plan);
  }
  return 0;
}
