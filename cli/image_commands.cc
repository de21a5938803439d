// `mybuild images`, `history`, `inspect`, `tag` and `rmi`: the local store
// as `docker images` and friends show it.
#include <ctime>
#include <nlohmann/json.hpp>

#include <fmt/format.h>

#include "cache/store_inventory.h"
#include "cli/commands.h"
#include "cli/humanize.h"
#include "cli/image_facts.h"
#include "cli/row_template.h"
#include "oci/reference.h"

namespace mybuild::cli {
namespace {

int Fail(std::ostream& err, const Status& st) {
  err << "mybuild: " << st.message() << "\n";
  return kExitFailed;
}

std::string Id(const oci::Digest& d, bool no_trunc) {
  return no_trunc ? d.str() : std::string(d.hex().substr(0, 12));
}

// "app" and "1" of "docker.io/library/app:1".
std::pair<std::string, std::string> RepoTag(const std::string& name) {
  auto ref = oci::ImageReference::Parse(name);
  if (!ref.ok()) return {name, ""};
  std::string familiar = ref->Familiar();
  return {familiar.substr(0, familiar.rfind(':')), ref->tag()};
}

// Whether `name` is what `images REPO[:TAG]` asks for.
bool Matches(const std::string& name, const std::string& filter) {
  if (filter.empty()) return true;
  auto [repo, tag] = RepoTag(name);
  return filter == repo || filter == repo + ":" + tag || filter == name;
}

}  // namespace

int RunImages(const CommandLine& cl, std::ostream& out, std::ostream& err) {
  const ImageFlags& f = cl.image;
  Expected<std::vector<ImageFacts>> all = LoadAllFacts(cache::StorePaths(cl.root));
  if (!all.ok()) return Fail(err, all.status());
  int64_t now = std::time(nullptr);
  std::string filter = cl.args.empty() ? "" : cl.args[0];
  bool table = f.format.empty() || f.format == "table";
  if (IsTemplate(f.format)) table = false;
  if (table && !f.quiet) {
    out << fmt::format("{:<30} {:<12} ", "REPOSITORY", "TAG")
        << (f.digests ? fmt::format("{:<72} ", "DIGEST") : "")
        << fmt::format("{:<{}} {:<16} {}\n", "IMAGE ID", f.no_trunc ? 71 : 12, "CREATED", "SIZE");
  }
  for (const ImageFacts& i : *all) {
    if (!Matches(i.name, filter)) continue;
    auto [repo, tag] = RepoTag(i.name);
    std::string id = Id(i.image.manifest.config.digest, f.no_trunc);
    std::map<std::string, std::string> fields = {
        {"Repository", repo}, {"Tag", tag}, {"ID", id}, {"Digest", i.image.digest.str()},
        {"CreatedAt", i.config.created}, {"CreatedSince", HumanAgo(i.config.created, now)},
        {"Size", cache::HumanSize(i.size)}};
    if (f.quiet) {
      out << id << "\n";
    } else if (IsTemplate(f.format)) {
      Expected<std::string> line = ExpandTemplate(f.format, fields);
      if (!line.ok()) return Fail(err, line.status());
      out << *line << "\n";
    } else if (!table) {
      out << nlohmann::json(fields).dump() << "\n";
    } else {
      out << fmt::format("{:<30} {:<12} ", repo, tag)
          << (f.digests ? fmt::format("{:<72} ", i.image.digest.str()) : "")
          << fmt::format("{:<{}} {:<16} {}\n", id, f.no_trunc ? 71 : 12,
                         fields["CreatedSince"], fields["Size"]);
    }
  }
  return kExitOk;
}

int RunHistory(const CommandLine& cl, std::ostream& out, std::ostream& err) {
  Expected<ImageFacts> i = LoadFacts(cache::StorePaths(cl.root), cl.args[0]);
  if (!i.ok()) return Fail(err, i.status());
  const ImageFacts& facts = *i;
  bool no_trunc = cl.image.no_trunc, json = cl.image.format == "json";
  int64_t now = std::time(nullptr);
  // Sizes belong to the entries that made a layer, in order.
  std::vector<int64_t> sizes;
  size_t layer = 0;
  for (const oci::HistoryEntry& h : facts.config.history) {
    sizes.push_back(h.empty_layer || layer >= facts.layer_sizes.size()
                        ? 0 : facts.layer_sizes[layer++]);
  }
  if (!json && !IsTemplate(cl.image.format)) {
    out << fmt::format("{:<14} {:<16} {:<45} {:<9} {}\n", "IMAGE", "CREATED", "CREATED BY",
                       "SIZE", "COMMENT");
  }
  for (size_t n = facts.config.history.size(); n-- > 0;) {
    const oci::HistoryEntry& h = facts.config.history[n];
    std::string id = n + 1 == facts.config.history.size()
                         ? Id(facts.image.manifest.config.digest, no_trunc) : "<missing>";
    std::string by = h.created_by;
    if (!no_trunc && by.size() > 45) by = by.substr(0, 44) + "…";
    std::map<std::string, std::string> fields = {
        {"ID", id}, {"CreatedAt", h.created}, {"CreatedSince", HumanAgo(h.created, now)},
        {"CreatedBy", json ? h.created_by : by}, {"Size", cache::HumanSize(sizes[n])},
        {"Comment", h.comment}};
    if (IsTemplate(cl.image.format)) {
      Expected<std::string> line = ExpandTemplate(cl.image.format, fields);
      if (!line.ok()) return Fail(err, line.status());
      out << *line << "\n";
    } else if (json) {
      out << nlohmann::json(fields).dump() << "\n";
    } else {
      out << fmt::format("{:<14} {:<16} {:<45} {:<9} {}\n", id, fields["CreatedSince"], by,
                         fields["Size"], h.comment);
    }
  }
  return kExitOk;
}

int RunInspect(const CommandLine& cl, std::ostream& out, std::ostream& err) {
  nlohmann::json all = nlohmann::json::array();
  for (const std::string& ref : cl.args) {
    Expected<ImageFacts> i = LoadFacts(cache::StorePaths(cl.root), ref);
    if (!i.ok()) return Fail(err, i.status());
    nlohmann::json config = nlohmann::json::parse(i->config_json, nullptr, false);
    all.push_back({{"Id", i->image.manifest.config.digest.str()},
                   {"Name", i->name},
                   {"Digest", i->image.digest.str()},
                   {"Created", i->config.created},
                   {"Tagged", i->record.created},
                   {"Architecture", i->config.architecture},
                   {"Os", i->config.os},
                   {"Size", i->size},
                   {"Config", config.value("config", nlohmann::json::object())},
                   {"RootFS", config.value("rootfs", nlohmann::json::object())},
                   {"History", config.value("history", nlohmann::json::array())},
                   {"Manifest", nlohmann::json::parse(i->image.manifest_json, nullptr, false)}});
  }
  out << all.dump(4) << "\n";
  return kExitOk;
}

int RunTag(const CommandLine& cl, std::ostream&, std::ostream& err) {
  cache::StorePaths store(cl.root);
  // The record alone: a build of several platforms tagged an index.
  Expected<oci::ImageReference> from = oci::ImageReference::Parse(cl.args[0]);
  if (!from.ok()) return Fail(err, from.status());
  Expected<cache::ImageRecord> src = cache::ImageStore(store).Lookup(from->str());
  if (!src.ok()) return Fail(err, src.status());
  Expected<oci::ImageReference> dst = oci::ImageReference::Parse(cl.args[1]);
  if (!dst.ok()) return Fail(err, dst.status());
  Status st = cache::ImageStore(store).Tag(dst->str(), src->manifest, src->created);
  return st.ok() ? kExitOk : Fail(err, st);
}

// The names `arg` removes: every name of the image whose ID starts with
// `arg` (12 or more hex digits, or sha256:...), else the name `arg` itself.
Expected<std::vector<std::string>> RmiNames(const cache::StorePaths& store,
                                            const std::string& arg) {
  std::string hex = arg.rfind("sha256:", 0) == 0 ? arg.substr(7) : arg;
  bool is_id = hex.size() >= 12 && hex.find_first_not_of("0123456789abcdef") == std::string::npos;
  if (is_id) {
    ASSIGN_OR_RETURN(std::vector<ImageFacts> all, LoadAllFacts(store));
    std::vector<std::string> names;
    for (const ImageFacts& f : all) {
      if (f.image.manifest.config.digest.hex().substr(0, hex.size()) == hex) {
        names.push_back(f.name);
      }
    }
    if (!names.empty()) return names;
  }
  ASSIGN_OR_RETURN(oci::ImageReference ref, oci::ImageReference::Parse(arg));
  return std::vector<std::string>{ref.str()};
}

int RunRmi(const CommandLine& cl, std::ostream& out, std::ostream& err) {
  cache::StorePaths store(cl.root);
  cache::ImageStore images(store);
  int code = kExitOk;
  for (const std::string& arg : cl.args) {
    Expected<std::vector<std::string>> names = RmiNames(store, arg);
    if (!names.ok()) {
      code = Fail(err, names.status());
      continue;
    }
    for (const std::string& name : *names) {
      Status st = images.Untag(name);
      if (!st.ok()) {
        code = Fail(err, st);
        continue;
      }
      out << "Untagged: " << oci::ImageReference::Parse(name)->Familiar() << "\n";
    }
  }
  return code;
}

}  // namespace mybuild::cli
