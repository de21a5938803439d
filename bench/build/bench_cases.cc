#include "bench/build/bench_cases.h"

#include <cstdint>
#include <cstring>

#include "base/fd.h"
#include "bench/build/harness.h"

namespace mybuild::bench {

Status WriteThirtyRuns(const std::string& dir, const std::string& base) {
  std::string df = "FROM " + base + "\n";
  for (int i = 1; i <= 30; ++i) {
    df += "RUN echo " + std::to_string(i) + " > /f" + std::to_string(i) + "\n";
  }
  df += "COPY app.txt /app.txt\n";
  return WriteTree(dir, {{"Dockerfile", df}, {"app.txt", "app 0\n"}});
}

const char kTwoHeavyStagesAlone[] =
    "(head -c 150000000 /dev/zero | sha256sum > /a) & "
    "(echo b > /seed && head -c 150000000 /dev/zero | sha256sum > /b); wait $!";
const char kRandomRunAlone[] = "head -c 300000000 /dev/urandom > /random.bin";

Status WriteTwoHeavyStages(const std::string& dir, const std::string& base) {
  const std::string hash = "head -c 150000000 /dev/zero | sha256sum";
  std::string df =
      "FROM " + base + " AS a\nRUN " + hash + " > /a\n"
      "FROM " + base + " AS b\nRUN echo b > /seed && " + hash + " > /b\n"
      "FROM " + base + "\nCOPY --from=a /a /a\nCOPY --from=b /b /b\n"
      "COPY app.txt /app.txt\n";
  return WriteTree(dir, {{"Dockerfile", df}, {"app.txt", "app 0\n"}});
}

Status WriteRandomRun(const std::string& dir, const std::string& base) {
  std::string df = "FROM " + base +
                   "\nRUN head -c 300000000 /dev/urandom > /random.bin\n"
                   "COPY app.txt /app.txt\n";
  return WriteTree(dir, {{"Dockerfile", df}, {"app.txt", "app 0\n"}});
}

Status WriteDebianApp(const std::string& dir, const std::string& base) {
  std::vector<std::pair<std::string, std::string>> files = {
      {"Dockerfile",
       "FROM " + base + "\n"
       "ENV DEBIAN_FRONTEND=noninteractive\n"
       "RUN apt-get update && apt-get install -y --no-install-recommends python3-minimal"
       " && rm -rf /var/lib/apt/lists/*\n"
       "RUN useradd --create-home app\n"
       "WORKDIR /app\n"
       "COPY src/ ./src/\n"
       "RUN python3 -m compileall -q src\n"
       "USER app\n"
       "CMD [\"python3\", \"src/main.py\"]\n"},
      {"src/main.py", "import mod0\nprint(mod0.f(1))\n"}};
  for (int i = 0; i < 40; ++i) {
    std::string body = "def f(x):\n    return x + " + std::to_string(i) + "\n";
    for (int j = 0; j < 50; ++j) body += "\ndef g" + std::to_string(j) + "(y):\n    return y * " + std::to_string(j) + "\n";
    files.push_back({"src/mod" + std::to_string(i) + ".py", body});
  }
  return WriteTree(dir, files);
}

namespace {

// `dirs` directories d0... of `files` files f0.txt... of 100 bytes under `dir`.
Status WriteSmallFiles(const std::string& dir, int dirs, int files) {
  std::string line(99, 'x');
  line += '\n';
  for (int d = 0; d < dirs; ++d) {
    std::string sub = dir + "/d" + std::to_string(d);
    RETURN_IF_ERROR(MakeDirs(sub));
    for (int f = 0; f < files; ++f) {
      ASSIGN_OR_RETURN(UniqueFd fd, OpenFile(sub + "/f" + std::to_string(f) + ".txt",
                                             O_WRONLY | O_CREAT | O_TRUNC, 0644));
      RETURN_IF_ERROR(WriteAll(fd.get(), line, sub));
    }
  }
  return Status::Ok();
}

// `mb` MiB of incompressible bytes (xorshift: the same on every run), as a
// real archive or binary would be.
Status WriteNoiseFile(const std::string& path, int mb) {
  ASSIGN_OR_RETURN(UniqueFd out, OpenFile(path, O_WRONLY | O_CREAT | O_TRUNC, 0644));
  std::string chunk(1 << 20, '\0');
  uint64_t x = 88172645463325252ULL;
  for (int i = 0; i < mb; ++i) {
    for (size_t j = 0; j < chunk.size(); j += 8) {
      x ^= x << 13;
      x ^= x >> 7;
      x ^= x << 17;
      std::memcpy(&chunk[j], &x, 8);
    }
    RETURN_IF_ERROR(WriteAll(out.get(), chunk, path));
  }
  return Status::Ok();
}

}  // namespace

Status WriteBigContext(const std::string& dir, const std::string& base) {
  RETURN_IF_ERROR(WriteTree(dir, {{"Dockerfile", "FROM " + base +
                                                     "\nCOPY . /ctx/\nRUN ls -R /ctx | wc -l\n"}}));
  RETURN_IF_ERROR(WriteSmallFiles(dir + "/src", 100, 200));
  return WriteNoiseFile(dir + "/big.bin", 50);
}

Status WriteDebianTrim(const std::string& dir, const std::string& base) {
  std::string df = "FROM " + base +
                   "\nRUN rm -rf /usr/share/doc /usr/share/man /usr/share/locale /usr/share/info"
                   " /var/cache/debconf/*-old /var/log/*.log\n"
                   "COPY app.txt /app.txt\n";
  return WriteTree(dir, {{"Dockerfile", df}, {"app.txt", "app 0\n"}});
}

Status WriteIgnoredContext(const std::string& dir, const std::string& base) {
  std::vector<std::pair<std::string, std::string>> files = {
      {"Dockerfile", "FROM " + base + "\nCOPY . /app/\nRUN ls -R /app | wc -l\n"},
      {".dockerignore", "node_modules\n.git\nbuild\n*.log\n"},
      {"debug.log", "noise\n"}};
  for (int i = 0; i < 20; ++i) {
    files.push_back({"src/m" + std::to_string(i) + ".js", "export const v = " + std::to_string(i) + ";\n"});
  }
  RETURN_IF_ERROR(WriteTree(dir, files));
  RETURN_IF_ERROR(WriteSmallFiles(dir + "/node_modules", 100, 200));
  RETURN_IF_ERROR(WriteSmallFiles(dir + "/.git/objects", 20, 100));
  RETURN_IF_ERROR(MakeDirs(dir + "/build"));
  return WriteNoiseFile(dir + "/build/bundle.bin", 50);
}

}  // namespace mybuild::bench
