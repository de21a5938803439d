#include "registry/cert_dirs.h"

#include <algorithm>
#include <filesystem>
#include <system_error>

namespace mybuild::registry {

std::vector<std::string> DefaultCertRoots() {
  return {"/etc/containers/certs.d", "/etc/docker/certs.d"};
}

namespace {

HostTls Read(const std::string& dir) {
  namespace fs = std::filesystem;
  HostTls tls;
  tls.dir = dir;
  std::error_code ec;
  std::vector<std::string> certs;
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    std::string name = e.path().filename().string();
    if (name.ends_with(".crt")) tls.ca_files.push_back(e.path().string());
    if (name.ends_with(".cert")) certs.push_back(e.path().string());
  }
  std::sort(tls.ca_files.begin(), tls.ca_files.end());
  std::sort(certs.begin(), certs.end());
  for (const std::string& cert : certs) {
    std::string key = cert.substr(0, cert.size() - 5) + ".key";
    if (fs::exists(key, ec)) {
      tls.client_cert = cert;
      tls.client_key = key;
      break;
    }
  }
  return tls;
}

}  // namespace

std::optional<HostTls> FindHostTls(const std::vector<std::string>& roots,
                                   const std::string& cert_dir,
                                   const std::string& authority) {
  std::error_code ec;
  if (!cert_dir.empty()) return Read(cert_dir);
  for (const std::string& root : roots) {
    std::string dir = root + "/" + authority;
    if (std::filesystem::is_directory(dir, ec)) return Read(dir);
  }
  return std::nullopt;
}

}  // namespace mybuild::registry
