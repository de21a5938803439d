#include "registry/testing/test_token.h"

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <cstdio>
#include <ctime>
#include <memory>
#include <nlohmann/json.hpp>

#include "registry/base64.h"
#include "registry/testing/subprocess.h"

namespace mybuild::registry::testing {
namespace {

std::string Base64Url(std::string_view data) {
  std::string s = Base64Encode(data);
  while (!s.empty() && s.back() == '=') s.pop_back();
  for (char& c : s) c = c == '+' ? '-' : c == '/' ? '_' : c;
  return s;
}

template <typename T, void (*Free)(T*)>
struct Deleter {
  void operator()(T* p) const { Free(p); }
};
using X509Ptr = std::unique_ptr<X509, Deleter<X509, X509_free>>;
using KeyPtr = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY, EVP_PKEY_free>>;
using CtxPtr =
    std::unique_ptr<EVP_MD_CTX, Deleter<EVP_MD_CTX, EVP_MD_CTX_free>>;

Expected<std::string> CertDer(const std::string& path) {
  FILE* f = std::fopen(path.c_str(), "re");
  if (f == nullptr) return SysError("open", path, errno);
  X509Ptr cert(PEM_read_X509(f, nullptr, nullptr, nullptr));
  std::fclose(f);
  if (!cert) return Internal("no certificate in " + path);
  unsigned char* der = nullptr;
  int len = i2d_X509(cert.get(), &der);
  if (len <= 0) return Internal("i2d_X509 failed");
  std::string out(reinterpret_cast<char*>(der), static_cast<size_t>(len));
  OPENSSL_free(der);
  return out;
}

Expected<std::string> SignRs256(const std::string& key_path,
                                const std::string& input) {
  FILE* f = std::fopen(key_path.c_str(), "re");
  if (f == nullptr) return SysError("open", key_path, errno);
  KeyPtr key(PEM_read_PrivateKey(f, nullptr, nullptr, nullptr));
  std::fclose(f);
  if (!key) return Internal("no private key in " + key_path);
  CtxPtr ctx(EVP_MD_CTX_new());
  size_t len = 0;
  if (EVP_DigestSignInit(ctx.get(), nullptr, EVP_sha256(), nullptr,
                         key.get()) != 1 ||
      EVP_DigestSign(ctx.get(), nullptr, &len,
                     reinterpret_cast<const unsigned char*>(input.data()),
                     input.size()) != 1) {
    return Internal("EVP_DigestSign failed");
  }
  std::string sig(len, '\0');
  if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(sig.data()),
                     &len, reinterpret_cast<const unsigned char*>(input.data()),
                     input.size()) != 1) {
    return Internal("EVP_DigestSign failed");
  }
  sig.resize(len);
  return sig;
}

}  // namespace

Expected<TokenSigner> MakeTokenSigner(const std::string& dir) {
  TokenSigner s{dir + "/token.key", dir + "/token.crt"};
  ASSIGN_OR_RETURN(
      CommandResult r,
      RunCommand({"openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes",
                  "-days", "2", "-subj", "/CN=mybuild test token signer",
                  "-keyout", s.key, "-out", s.cert}));
  if (r.exit_code != 0) return Internal("openssl req failed: " + r.output);
  return s;
}

Expected<std::string> SignRegistryToken(
    const TokenSigner& signer, const std::string& issuer,
    const std::string& service, const std::string& repo,
    const std::vector<std::string>& actions) {
  ASSIGN_OR_RETURN(std::string der, CertDer(signer.cert));
  nlohmann::json header = {
      {"alg", "RS256"}, {"typ", "JWT"}, {"x5c", {Base64Encode(der)}}};
  int64_t now = std::time(nullptr);
  nlohmann::json claims = {
      {"iss", issuer},
      {"sub", "mybuild-test"},
      {"aud", service},
      {"iat", now - 60},
      {"nbf", now - 60},
      {"exp", now + 3600},
      {"jti", "mybuild-test-token"},
      {"access",
       {{{"type", "repository"}, {"name", repo}, {"actions", actions}}}}};
  std::string input = Base64Url(header.dump()) + "." + Base64Url(claims.dump());
  ASSIGN_OR_RETURN(std::string sig, SignRs256(signer.key, input));
  return input + "." + Base64Url(sig);
}

}  // namespace mybuild::registry::testing
