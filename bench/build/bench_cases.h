// The Dockerfiles the build benchmark times, each with the file its "edit"
// round changes. Written for a base image `base` (busybox).
#pragma once

#include <string>
#include <vector>

#include "base/status.h"

namespace mybuild::bench {

struct BenchCase {
  std::string name;
  std::string dir;        // the context, under the benchmark's temp dir
  std::string edit_file;  // context-relative; rewritten before "edit"
  // The case's unavoidable work: its RUN commands as one shell script, run
  // with `set -eo pipefail` in a chroot of the busybox base without any
  // builder ("" when the builder's own work is the case).
  std::string alone = "";
};

// The `alone` scripts of WriteTwoHeavyStages and WriteRandomRun.
extern const char kTwoHeavyStagesAlone[];
extern const char kRandomRunAlone[];

// 30 RUN steps then a COPY of app.txt.
Status WriteThirtyRuns(const std::string& dir, const std::string& base);
// Two stages hashing 150 MB each (CPU-bound), a final stage copying both
// results and app.txt.
Status WriteTwoHeavyStages(const std::string& dir, const std::string& base);
// 20,000 files of 100 bytes in 100 directories and one 50 MB file, copied
// whole; the edit changes one small file.
Status WriteBigContext(const std::string& dir, const std::string& base);

// A RUN writing 300 MB of random bytes (incompressible: the layer's cost is
// its bytes), then a COPY of app.txt.
Status WriteRandomRun(const std::string& dir, const std::string& base);

// A Debian app on `base` (a Debian bookworm image): apt-get installs
// python3-minimal, a user is added, 40 Python files are copied and compiled.
Status WriteDebianApp(const std::string& dir, const std::string& base);

// A RUN deleting documentation, locales and logs from `base` (a Debian
// bookworm image: thousands of whiteouts), then a COPY of app.txt.
Status WriteDebianTrim(const std::string& dir, const std::string& base);

// A context whose .dockerignore excludes most of it: node_modules/ (20,000
// files), .git/ (2,000 files), build/ (50 MB) and *.log; 20 source files
// are copied, then listed by a RUN. The edit changes one source file.
Status WriteIgnoredContext(const std::string& dir, const std::string& base);

}  // namespace mybuild::bench
