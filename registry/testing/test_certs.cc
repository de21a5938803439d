#include "registry/testing/test_certs.h"

#include <crypt.h>

#include <cerrno>
#include <memory>
#include <vector>

#include "base/fd.h"
#include "registry/testing/subprocess.h"

namespace mybuild::registry::testing {
namespace {

Status Openssl(std::vector<std::string> args) {
  args.insert(args.begin(), "openssl");
  ASSIGN_OR_RETURN(CommandResult r, RunCommand(args));
  if (r.exit_code != 0) {
    return Internal("openssl " + args[1] + " failed: " + r.output);
  }
  return Status::Ok();
}

}  // namespace

Expected<TestCerts> MakeTestCerts(const std::string& dir) {
  if (!ToolInstalled("openssl")) {
    return NotFound("openssl is not installed (apt-get install openssl)");
  }
  TestCerts c{dir + "/ca.crt", dir + "/server.crt", dir + "/server.key",
              dir + "/client.cert", dir + "/client.key"};
  std::string ca_key = dir + "/ca.key", csr = dir + "/server.csr";
  std::string ext = dir + "/server.ext";
  RETURN_IF_ERROR(
      WriteFileAtomic(ext,
                      "basicConstraints=CA:FALSE\n"
                      "keyUsage=digitalSignature,keyEncipherment\n"
                      "extendedKeyUsage=serverAuth\n"
                      "subjectAltName=IP:127.0.0.1,DNS:localhost\n"));
  const std::vector<std::string> ec = {
      "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"};
  std::vector<std::string> ca = {
      "req",     "-x509", "-days", "2",      "-subj", "/CN=mybuild test CA",
      "-keyout", ca_key,  "-out",  c.ca_cert};
  ca.insert(ca.end(), ec.begin(), ec.end());
  RETURN_IF_ERROR(Openssl(ca));
  std::vector<std::string> req = {
      "req", "-subj", "/CN=127.0.0.1", "-keyout", c.server_key, "-out", csr};
  req.insert(req.end(), ec.begin(), ec.end());
  RETURN_IF_ERROR(Openssl(req));
  RETURN_IF_ERROR(Openssl({"x509", "-req", "-in", csr, "-CA", c.ca_cert,
                           "-CAkey", ca_key, "-set_serial", "2", "-days", "2",
                           "-extfile", ext, "-out", c.server_cert}));
  std::string client_csr = dir + "/client.csr";
  std::vector<std::string> client = {
      "req",  "-subj",   "/CN=mybuild test client", "-keyout", c.client_key,
      "-out", client_csr};
  client.insert(client.end(), ec.begin(), ec.end());
  RETURN_IF_ERROR(Openssl(client));
  RETURN_IF_ERROR(Openssl({"x509", "-req", "-in", client_csr, "-CA", c.ca_cert,
                           "-CAkey", ca_key, "-set_serial", "3", "-days", "2",
                           "-out", c.client_cert}));
  return c;
}

Expected<std::string> HtpasswdLine(const std::string& user,
                                   const std::string& password) {
  char salt[CRYPT_GENSALT_OUTPUT_SIZE];
  // Cost 5 keeps the registry's check fast; this is test data.
  if (crypt_gensalt_rn("$2b$", 5, nullptr, 0, salt, sizeof salt) == nullptr) {
    return SysError("crypt_gensalt", "", errno);
  }
  auto data = std::make_unique<crypt_data>();
  const char* hash = crypt_r(password.c_str(), salt, data.get());
  if (hash == nullptr || hash[0] == '*') return SysError("crypt", "", errno);
  return user + ":" + hash;
}

}  // namespace mybuild::registry::testing
