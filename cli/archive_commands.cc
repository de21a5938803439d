// `mybuild save` and `mybuild load`: images of the local store to and from
// docker and OCI archives.
#include <unistd.h>

#include <algorithm>
#include <ctime>

#include "cli/build_outputs.h"
#include "cli/commands.h"
#include "cli/image_facts.h"
#include "export/archive_export.h"
#include "export/archive_import.h"
#include "oci/reference.h"

namespace mybuild::cli {
namespace {

int Fail(std::ostream& err, const Status& st) {
  err << "mybuild: " << st.message() << "\n";
  return kExitFailed;
}

std::string Now() {
  std::time_t t = std::time(nullptr);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&t));
  return buf;
}

}  // namespace

int RunSave(const CommandLine& cl, std::ostream&, std::ostream& err) {
  cache::StorePaths store(cl.root);
  std::vector<exporter::NamedImage> images;
  for (const std::string& ref : cl.args) {
    Expected<ImageFacts> f = LoadFacts(store, ref);
    if (!f.ok()) return Fail(err, f.status());
    auto same = [&](const exporter::NamedImage& n) { return n.image.digest == f->image.digest; };
    if (auto it = std::find_if(images.begin(), images.end(), same); it != images.end()) {
      it->names.push_back(f->name);
    } else {
      images.push_back({f->image, {f->name}, {}});
    }
  }
  std::string dest = cl.image.output.empty() ? "-" : cl.image.output;
  if (dest == "-" && ::isatty(STDOUT_FILENO)) {
    return Fail(err, InvalidArgument("refusing to write an archive to a terminal: use -o FILE "
                                     "or redirect stdout"));
  }
  Status st = cl.image.archive_format == "oci"
                  ? exporter::WriteOciArchive(store, dest, images)
                  : exporter::WriteDockerArchive(store, dest, images);
  return st.ok() ? kExitOk : Fail(err, st);
}

int RunLoad(const CommandLine& cl, std::ostream& out, std::ostream& err) {
  std::string input = cl.image.input.empty() ? "-" : cl.image.input;
  auto loaded = exporter::LoadArchive(cache::StorePaths(cl.root), input, Now());
  if (!loaded.ok()) return Fail(err, loaded.status());
  for (const exporter::LoadedImage& i : *loaded) {
    if (i.names.empty()) out << "Loaded image ID: " << i.config.str() << "\n";
    for (const std::string& n : i.names) {
      auto ref = oci::ImageReference::Parse(n);
      out << "Loaded image: " << (ref.ok() ? ref->Familiar() : n) << "\n";
    }
  }
  return kExitOk;
}

}  // namespace mybuild::cli
