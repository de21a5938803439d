// Times `mybuild lint` without ShellCheck: the corpus Dockerfiles are linted
// in turn, round after round, until FILES (default 1,000) have been linted,
// on one thread. Parse, rules and the central filter are all included;
// output formatting is not. The corpus defaults to ../shared/corpus/
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

#include "lint/catalogue.h"
#include "lint/config.h"
#include "lint/linter.h"

namespace {

namespace fs = std::filesystem;

struct CorpusFile {
  std::string name;
  std::string text;
};

std::vector<CorpusFile> LoadCorpus(const fs::path& dir) {
  std::vector<fs::path> paths;
  for (const auto& e : fs::directory_iterator(dir)) {
    if (e.path().extension() == ".Dockerfile") paths.push_back(e.path());
  }
  std::sort(paths.begin(), paths.end());
  std::vector<CorpusFile> files;
  for (const fs::path& p : paths) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    files.push_back({p.filename().string(), s.str()});
  }
  return files;
}

fs::path CorpusDir(int argc, char** argv) {
  if (argc > 1) return argv[1];
  if (const char* ws = std::getenv("BUILD_WORKSPACE_DIRECTORY")) {
    return fs::path(ws) / ".." / "shared" / "corpus" / "dockerfiles";
  }
  return "../shared/corpus/dockerfiles";
}

}  // namespace

int main(int argc, char** argv) {
  using namespace mybuild::lint;
  fs::path dir = CorpusDir(argc, argv);
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    std::fprintf(stderr, "no corpus at %s\n", dir.c_str());
    return 2;
  }
  const std::vector<CorpusFile> corpus = LoadCorpus(dir);
  if (corpus.empty()) {
    std::fprintf(stderr, "no .Dockerfile files in %s\n", dir.c_str());
    return 2;
  }
  const long files = argc > 2 ? std::atol(argv[2]) : 1000;
  const LintConfig config;
  const std::vector<const Rule*>& rules = Catalogue();

  // One untimed pass: count findings and parse errors, warm the caches.
  size_t findings = 0, parse_errors = 0;
  for (const CorpusFile& f : corpus) {
    LintResult r = LintText(f.text, f.name, config, rules);
    findings += r.findings.size();
    parse_errors += r.parse_error ? 1 : 0;
  }

  size_t checksum = 0;
  const auto start = std::chrono::steady_clock::now();
  for (long i = 0; i < files; ++i) {
    const CorpusFile& f = corpus[static_cast<size_t>(i) % corpus.size()];
    checksum += LintText(f.text, f.name, config, rules).findings.size();
  }
  const std::chrono::duration<double, std::milli> took =
      std::chrono::steady_clock::now() - start;

  std::printf(
      "corpus: %zu Dockerfiles (%zu findings, %zu parse errors per pass), "
      "%zu rules\n",
      corpus.size(), findings, parse_errors, rules.size());
  std::printf(
      "linted %ld Dockerfiles in %.1f ms on one thread (%.3f ms each, "
      "checksum %zu)\n",
      files, took.count(), took.count() / static_cast<double>(files), checksum);
  return 0;
}
