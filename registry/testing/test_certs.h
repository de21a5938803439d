// Throwaway TLS material for tests, made with the openssl command line: a CA
// and a server certificate for 127.0.0.1/localhost signed by it, plus an
// htpasswd line hashed with bcrypt (the only hash docker-registry accepts).
#pragma once

#include <string>

#include "base/status.h"

namespace mybuild::registry::testing {

struct TestCerts {
  std::string ca_cert;      // PEM, the file a client trusts
  std::string server_cert;  // PEM, for IP:127.0.0.1 and DNS:localhost
  std::string server_key;   // PEM, unencrypted
  std::string
      client_cert;  // PEM "client.cert", for mutual TLS, signed by the CA
  std::string client_key;  // PEM "client.key"
};

// Writes ca.crt, server.crt, server.key, client.cert and client.key into `dir`.
// Fails with kNotFound when openssl is not installed, or with its output when
// it fails.
Expected<TestCerts> MakeTestCerts(const std::string& dir);

// "user:$2b$05$..." for an htpasswd file (bcrypt through libcrypt).
Expected<std::string> HtpasswdLine(const std::string& user,
                                   const std::string& password);

}  // namespace mybuild::registry::testing
