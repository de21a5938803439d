#include "registry/pull_sources.h"

#include <gtest/gtest.h>

namespace mybuild::registry {
namespace {

std::vector<std::string> Strs(const Expected<std::vector<oci::ImageReference>>& refs) {
  EXPECT_TRUE(refs.ok()) << refs.status().message();
  std::vector<std::string> out;
  if (refs.ok()) {
    for (const oci::ImageReference& r : *refs) out.push_back(r.str());
  }
  return out;
}

RegistriesConf Conf(const std::string& text) {
  auto conf = ParseRegistriesConf(text, "/r.conf");
  EXPECT_TRUE(conf.ok()) << conf.status().message();
  return conf.ok() ? *conf : RegistriesConf();
}

oci::ImageReference Ref(const std::string& text) {
  return oci::ImageReference::Parse(text).value();
}

TEST(PullSourcesTest, ShortNames) {
  for (const char* s : {"busybox", "busybox:1", "user/app", "user/app:v1", "a/b/c",
                        "busybox@sha256:" "0000000000000000000000000000000000000000000000000000000000000000"}) {
    EXPECT_TRUE(IsShortName(s)) << s;
  }
  for (const char* s : {"docker.io/busybox", "quay.io/org/app", "localhost/app",
                        "127.0.0.1:5000/app", "reg:5000/app", "Registry/app"}) {
    EXPECT_FALSE(IsShortName(s)) << s;
  }
}

// Docker Hub's normalisation without a search list, as docker resolves.
TEST(PullSourcesTest, ShortNamesGoToDockerHubWithoutASearchList) {
  RegistriesConf none;
  EXPECT_EQ(Strs(NameCandidates(none, "busybox")),
            std::vector<std::string>{"docker.io/library/busybox:latest"});
  EXPECT_EQ(Strs(NameCandidates(none, "user/app:1")),
            std::vector<std::string>{"docker.io/user/app:1"});
  EXPECT_EQ(Strs(NameCandidates(none, "quay.io/org/app")),
            std::vector<std::string>{"quay.io/org/app:latest"});
}

TEST(PullSourcesTest, ShortNamesTryEachSearchRegistryInOrder) {
  RegistriesConf conf = Conf(R"(unqualified-search-registries = ["reg.example:5000", "docker.io"])");
  EXPECT_EQ(Strs(NameCandidates(conf, "busybox:1")),
            (std::vector<std::string>{"reg.example:5000/busybox:1",
                                      "docker.io/library/busybox:1"}));
  EXPECT_EQ(Strs(NameCandidates(conf, "user/app")),
            (std::vector<std::string>{"reg.example:5000/user/app:latest",
                                      "docker.io/user/app:latest"}));
  // A qualified name is never searched.
  EXPECT_EQ(Strs(NameCandidates(conf, "docker.io/busybox")),
            std::vector<std::string>{"docker.io/library/busybox:latest"});
  EXPECT_EQ(NameCandidates(conf, "Bad").status().message().substr(0, 23),
            "invalid reference \"Bad\"");
  // The v1 form's list.
  RegistriesConf v1 = Conf("[registries.search]\nregistries = ['quay.io']\n");
  EXPECT_EQ(Strs(NameCandidates(v1, "app")), std::vector<std::string>{"quay.io/app:latest"});
}

// containers-registries.conf(5)'s example: mirrors in order, then the
// location, with the rest of the name after the prefix.
TEST(PullSourcesTest, MirrorsComeBeforeTheLocation) {
  RegistriesConf conf = Conf(R"(
[[registry]]
prefix = "example.com/foo"
location = "internal.example.net/bar"
[[registry.mirror]]
location = "mirror-0.local/mirror-for-foo"
[[registry.mirror]]
location = "mirror-1.local:5000/mirrors/foo"
insecure = true
[[registry]]
prefix = "example.com"
[[registry]]
location = "docker.io/library"
mirror-by-digest-only = true
[[registry.mirror]]
location = "hub-mirror.local"
)");
  EXPECT_EQ(Strs(PullSources(conf, Ref("example.com/foo/image:latest"))),
            (std::vector<std::string>{"mirror-0.local/mirror-for-foo/image:latest",
                                      "mirror-1.local:5000/mirrors/foo/image:latest",
                                      "internal.example.net/bar/image:latest"}));
  // The longest prefix wins, and only at a separator.
  EXPECT_EQ(Strs(PullSources(conf, Ref("example.com/foobar:1"))),
            std::vector<std::string>{"example.com/foobar:1"});
  EXPECT_EQ(Strs(PullSources(conf, Ref("other.io/app:1"))),
            std::vector<std::string>{"other.io/app:1"});
  // mirror-by-digest-only: a tag goes to the registry alone.
  EXPECT_EQ(Strs(PullSources(conf, Ref("busybox:1"))),
            std::vector<std::string>{"docker.io/library/busybox:1"});
  const std::string d = "@sha256:" + std::string(64, 'a');
  EXPECT_EQ(Strs(PullSources(conf, Ref("busybox" + d))),
            (std::vector<std::string>{"hub-mirror.local/busybox" + d,
                                      "docker.io/library/busybox" + d}));
  EXPECT_EQ(InsecureHosts(conf), std::vector<std::string>{"mirror-1.local:5000"});
}

TEST(PullSourcesTest, BlockedAndBrokenTables) {
  RegistriesConf conf = Conf("[[registry]]\nprefix = \"bad.io\"\nblocked = true\n");
  EXPECT_EQ(PullSources(conf, Ref("bad.io/x:1")).status().message(),
            "pull bad.io/x:1: blocked in registries.conf (prefix \"bad.io\")");
  EXPECT_EQ(ParseRegistriesConf("[[registry]]\ninsecure = true\n", "/r.conf").status().message(),
            "registries.conf \"/r.conf\": a [[registry]] table has neither prefix nor location");
}

TEST(PullSourcesTest, TrySourcesStopsAtTheFirstSuccess) {
  RegistriesConf conf = Conf(
      "[[registry]]\nlocation = \"a.io\"\n[[registry.mirror]]\nlocation = \"m1.io\"\n"
      "[[registry.mirror]]\nlocation = \"m2.io\"\n");
  std::vector<std::string> tried;
  Status st = TrySources(conf, Ref("a.io/x:1"), [&](const oci::ImageReference& r) {
    tried.push_back(r.host());
    return r.host() == "m2.io" ? Status::Ok() : NotFound(r.host() + " has no x");
  });
  EXPECT_TRUE(st.ok());
  EXPECT_EQ(tried, (std::vector<std::string>{"m1.io", "m2.io"}));
  tried.clear();
  st = TrySources(conf, Ref("a.io/x:1"), [&](const oci::ImageReference& r) {
    tried.push_back(r.host());
    return NotFound(r.host() + " has no x");
  });
  EXPECT_EQ(st.message(), "a.io has no x");
  EXPECT_EQ(tried.size(), 3u);
}

}  // namespace
}  // namespace mybuild::registry
