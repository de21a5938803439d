#include "registry/registries_conf.h"

#include <cpptoml.h>
#include <unistd.h>

#include <cerrno>
#include <sstream>

#include "base/fd.h"

namespace mybuild::registry {

std::string RegistriesConfPath(const std::map<std::string, std::string>& env) {
  auto it = env.find("CONTAINERS_REGISTRIES_CONF");
  return it != env.end() && !it->second.empty()
             ? it->second
             : "/etc/containers/registries.conf";
}

namespace {

std::vector<std::string> Strings(const cpptoml::table& t, const std::string& key) {
  auto list = t.get_qualified_array_of<std::string>(key);
  return list ? *list : std::vector<std::string>();
}

Expected<RegistryTable> Table(const cpptoml::table& t) {
  RegistryTable r;
  r.prefix = t.get_as<std::string>("prefix").value_or("");
  r.location = t.get_as<std::string>("location").value_or("");
  if (r.prefix.empty()) r.prefix = r.location;
  if (r.location.empty()) r.location = r.prefix;
  if (r.prefix.empty()) {
    return InvalidArgument("a [[registry]] table has neither prefix nor location");
  }
  r.insecure = t.get_as<bool>("insecure").value_or(false);
  r.blocked = t.get_as<bool>("blocked").value_or(false);
  r.mirror_by_digest_only = t.get_as<bool>("mirror-by-digest-only").value_or(false);
  if (auto mirrors = t.get_table_array("mirror")) {
    for (const auto& m : *mirrors) {
      RegistryMirror mirror{m->get_as<std::string>("location").value_or(""),
                            m->get_as<bool>("insecure").value_or(false)};
      if (mirror.location.empty()) {
        return InvalidArgument("a [[registry.mirror]] of \"" + r.prefix + "\" has no location");
      }
      r.mirrors.push_back(std::move(mirror));
    }
  }
  return r;
}

Status Fill(const cpptoml::table& conf, RegistriesConf& out) {
  out.unqualified_search = Strings(conf, "unqualified-search-registries");
  if (out.unqualified_search.empty()) {
    out.unqualified_search = Strings(conf, "registries.search.registries");
  }
  out.v1_insecure = Strings(conf, "registries.insecure.registries");
  if (auto tables = conf.get_table_array("registry")) {
    for (const auto& t : *tables) {
      ASSIGN_OR_RETURN(RegistryTable r, Table(*t));
      out.registries.push_back(std::move(r));
    }
  }
  return Status::Ok();
}

std::string HostOf(const std::string& location) {
  return location.substr(0, location.find('/'));
}

}  // namespace

Expected<RegistriesConf> ParseRegistriesConf(const std::string& text,
                                             const std::string& path) {
  std::istringstream in(text);
  RegistriesConf out;
  Status st;
  try {
    cpptoml::parser parser(in);
    std::shared_ptr<cpptoml::table> conf = parser.parse();
    st = Fill(*conf, out);
  } catch (const std::exception& e) {
    st = InvalidArgument(e.what());
  }
  if (!st.ok()) return st.WithPrefix("registries.conf \"" + path + "\"");
  return out;
}

Expected<RegistriesConf> ReadRegistriesConf(const std::string& path) {
  Expected<std::string> text = ReadFile(path);
  if (!text.ok()) {
    if (::access(path.c_str(), F_OK) != 0 && errno == ENOENT) return RegistriesConf();
    return text.status();
  }
  return ParseRegistriesConf(*text, path);
}

std::vector<std::string> InsecureHosts(const RegistriesConf& conf) {
  std::vector<std::string> out;
  for (const RegistryTable& r : conf.registries) {
    if (r.insecure) out.push_back(HostOf(r.location));
    for (const RegistryMirror& m : r.mirrors) {
      if (m.insecure) out.push_back(HostOf(m.location));
    }
  }
  out.insert(out.end(), conf.v1_insecure.begin(), conf.v1_insecure.end());
  return out;
}

Expected<std::vector<std::string>> InsecureRegistries(const std::string& text,
                                                      const std::string& path) {
  ASSIGN_OR_RETURN(RegistriesConf conf, ParseRegistriesConf(text, path));
  return InsecureHosts(conf);
}

Expected<std::vector<std::string>> ReadInsecureRegistries(const std::string& path) {
  ASSIGN_OR_RETURN(RegistriesConf conf, ReadRegistriesConf(path));
  return InsecureHosts(conf);
}

}  // namespace mybuild::registry
