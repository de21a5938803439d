#include "registry/registries_conf.h"

#include <gtest/gtest.h>

namespace mybuild::registry {
namespace {

TEST(RegistriesConfTest, InsecureEntriesOfBothFormats) {
  auto hosts = InsecureRegistries(R"(
unqualified-search-registries = ["docker.io"]
[[registry]]
location = "reg.internal:5000"
insecure = true
[[registry]]
location = "quay.io"
[[registry]]
prefix = "old.internal"
insecure = true
[registries.insecure]
registries = ["v1.internal"]
)",
                                  "/r.conf");
  ASSERT_TRUE(hosts.ok()) << hosts.status().message();
  EXPECT_EQ(*hosts, (std::vector<std::string>{"reg.internal:5000",
                                              "old.internal", "v1.internal"}));
  EXPECT_EQ(RegistriesConfPath({}), "/etc/containers/registries.conf");
  EXPECT_EQ(RegistriesConfPath({{"CONTAINERS_REGISTRIES_CONF", "/x.conf"}}),
            "/x.conf");
}

TEST(RegistriesConfTest, BrokenFileNamesItself) {
  auto bad = InsecureRegistries("[[registry]\n", "/r.conf");
  EXPECT_EQ(bad.status().code(), ErrorCode::kInvalidArgument);
  EXPECT_TRUE(
      bad.status().message().starts_with("registries.conf \"/r.conf\": "))
      << bad.status().message();
  EXPECT_TRUE(ReadInsecureRegistries("/nonexistent/registries.conf")->empty());
}

}  // namespace
}  // namespace mybuild::registry
