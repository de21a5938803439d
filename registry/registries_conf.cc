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

void FromTables(const cpptoml::table& conf, std::vector<std::string>* out) {
  auto tables = conf.get_table_array("registry");
  if (!tables) return;
  for (const auto& t : *tables) {
    if (!t->get_as<bool>("insecure").value_or(false)) continue;
    std::string where =
        t->get_as<std::string>("location")
            .value_or(t->get_as<std::string>("prefix").value_or(""));
    if (!where.empty()) out->push_back(where);
  }
}

void FromV1(const cpptoml::table& conf, std::vector<std::string>* out) {
  auto list = conf.get_qualified_array_of<std::string>(
      "registries.insecure.registries");
  if (list) out->insert(out->end(), list->begin(), list->end());
}

}  // namespace

Expected<std::vector<std::string>> InsecureRegistries(const std::string& text,
                                                      const std::string& path) {
  std::istringstream in(text);
  std::vector<std::string> out;
  try {
    cpptoml::parser parser(in);
    std::shared_ptr<cpptoml::table> conf = parser.parse();
    FromTables(*conf, &out);
    FromV1(*conf, &out);
  } catch (const std::exception& e) {
    return InvalidArgument("registries.conf \"" + path + "\": " + e.what());
  }
  return out;
}

Expected<std::vector<std::string>> ReadInsecureRegistries(
    const std::string& path) {
  Expected<std::string> text = ReadFile(path);
  if (!text.ok()) {
    if (::access(path.c_str(), F_OK) != 0 && errno == ENOENT)
      return std::vector<std::string>();
    return text.status();
  }
  return InsecureRegistries(*text, path);
}

}  // namespace mybuild::registry
