// Times the raw parser and the full typed frontend over a corpus of real
// Dockerfiles: every file is parsed ROUNDS times (default: enough rounds for
// at least 1,000 files in total). The corpus defaults to ../shared/corpus/
// dockerfiles beside the checkout.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "frontend/dockerfile.h"
#include "frontend/parser/parser.h"

namespace {

namespace fs = std::filesystem;

std::vector<std::string> LoadCorpus(const fs::path& dir) {
  std::vector<fs::path> paths;
  for (const auto& e : fs::directory_iterator(dir)) {
    if (e.path().extension() == ".Dockerfile") paths.push_back(e.path());
  }
  std::sort(paths.begin(), paths.end());
  std::vector<std::string> texts;
  for (const fs::path& p : paths) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    texts.push_back(s.str());
  }
  return texts;
}

template <typename Fn>
double MillisPerThousand(const std::vector<std::string>& texts, int rounds,
                         Fn parse) {
  const auto start = std::chrono::steady_clock::now();
  for (int r = 0; r < rounds; ++r) {
    for (const std::string& t : texts) {
      if (!parse(t)) {
        std::fprintf(stderr, "parse failed\n");
        std::exit(1);
      }
    }
  }
  const std::chrono::duration<double, std::milli> took =
      std::chrono::steady_clock::now() - start;
  return took.count() * 1000.0 / (static_cast<double>(rounds) * texts.size());
}

}  // namespace

int main(int argc, char** argv) {
  fs::path dir;
  if (argc > 1) {
    dir = argv[1];
  } else if (const char* ws = std::getenv("BUILD_WORKSPACE_DIRECTORY")) {
    dir = fs::path(ws) / ".." / "shared" / "corpus" / "dockerfiles";
  } else {
    dir = "../shared/corpus/dockerfiles";
  }
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    std::fprintf(stderr, "no corpus at %s\n", dir.c_str());
    return 2;
  }
  const std::vector<std::string> texts = LoadCorpus(dir);
  if (texts.empty()) {
    std::fprintf(stderr, "no .Dockerfile files in %s\n", dir.c_str());
    return 2;
  }
  int rounds = argc > 2 ? std::atoi(argv[2])
                        : static_cast<int>((1000 + texts.size() - 1) /
                                           texts.size()) * 10;
  size_t bytes = 0;
  for (const std::string& t : texts) bytes += t.size();
  const double raw = MillisPerThousand(texts, rounds, [](const std::string& t) {
    return mybuild::frontend::parser::Parse(t).ok();
  });
  const double typed = MillisPerThousand(texts, rounds, [](const std::string& t) {
    return mybuild::frontend::ParseDockerfile(t, "Dockerfile").ok();
  });
  std::printf("corpus: %zu Dockerfiles, %zu bytes; %d rounds = %zu parses\n",
              texts.size(), bytes, rounds, texts.size() * rounds);
  std::printf("raw parser (Parse):          %.2f ms per 1,000 Dockerfiles\n",
              raw);
  std::printf("typed frontend (ParseDockerfile): %.2f ms per 1,000 Dockerfiles\n",
              typed);
  return 0;
}
