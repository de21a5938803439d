#include "export/annotation_spec.h"

#include <gtest/gtest.h>

namespace mybuild::exporter {
namespace {

std::vector<Annotation> Parsed(const std::string& v) {
  Expected<std::vector<Annotation>> a = ParseAnnotation(v);
  EXPECT_TRUE(a.ok()) << a.status().message();
  return a.ok() ? *a : std::vector<Annotation>{};
}

std::string Error(const std::string& v) {
  Expected<std::vector<Annotation>> a = ParseAnnotation(v);
  EXPECT_FALSE(a.ok());
  return a.ok() ? "" : a.status().message();
}

TEST(AnnotationSpecTest, ReadsBuildxForms) {
  EXPECT_EQ(Parsed("org.opencontainers.image.title=x=y"),
            (std::vector<Annotation>{{"manifest", "", "org.opencontainers.image.title", "x=y"}}));
  EXPECT_EQ(Parsed("manifest,manifest-descriptor:a=b"),
            (std::vector<Annotation>{{"manifest", "", "a", "b"},
                                     {"manifest-descriptor", "", "a", "b"}}));
  EXPECT_EQ(Parsed("manifest[linux/arm64/v8]:a="),
            (std::vector<Annotation>{{"manifest", "linux/arm64/v8", "a", ""}}));
}

TEST(AnnotationSpecTest, AppliesByTypeAndPlatform) {
  std::vector<Annotation> all = {{"manifest", "", "a", "1"},
                                 {"manifest", "linux/arm64", "b", "2"},
                                 {"manifest", "linux/amd64", "a", "3"},
                                 {"manifest-descriptor", "", "c", "4"}};
  EXPECT_EQ(AnnotationsFor(all, "manifest", "linux/amd64"),
            (std::map<std::string, std::string>{{"a", "3"}}));
  EXPECT_EQ(AnnotationsFor(all, "manifest-descriptor", "linux/amd64"),
            (std::map<std::string, std::string>{{"c", "4"}}));
}

TEST(AnnotationSpecTest, NamesWhatIsWrong) {
  EXPECT_EQ(Error("foo"), "invalid --annotation \"foo\": expected key=value");
  EXPECT_EQ(Error("=v"), "invalid --annotation \"=v\": empty key");
  EXPECT_EQ(Error("blob:k=v"), "invalid --annotation \"blob:k=v\": unknown annotation type \"blob\"");
  EXPECT_EQ(Error("Manifest:k=v"),
            "invalid --annotation \"Manifest:k=v\": invalid annotation type \"Manifest\", "
            "expected type and optional platform in square brackets");
  EXPECT_EQ(Error("manifest[linux:k=v"),
            "invalid --annotation \"manifest[linux:k=v\": invalid annotation type "
            "\"manifest[linux\", expected type and optional platform in square brackets");
  EXPECT_EQ(Error("manifest[amd64]:k=v"),
            "invalid --annotation \"manifest[amd64]:k=v\": invalid platform \"amd64\", "
            "expected os/arch[/variant]");
  EXPECT_EQ(Error("index,manifest:k=v"),
            "invalid --annotation \"index,manifest:k=v\": index annotations not supported for "
            "single platform export (a build of one platform has no index; use manifest: or "
            "manifest-descriptor:)");
  EXPECT_EQ(Error("index-descriptor:k=v"),
            "invalid --annotation \"index-descriptor:k=v\": index annotations not supported for "
            "single platform export (a build of one platform has no index; use manifest: or "
            "manifest-descriptor:)");
}

// A build of several platforms makes an index: index: and
// index-descriptor: are its annotations.
TEST(AnnotationSpecTest, IndexTypesWithSeveralPlatforms) {
  auto a = ParseAnnotation("index,index-descriptor:k=v", true);
  ASSERT_TRUE(a.ok()) << a.status().message();
  ASSERT_EQ(a->size(), 2u);
  EXPECT_EQ((*a)[0].type, "index");
  EXPECT_EQ((*a)[1].type, "index-descriptor");
  EXPECT_EQ((*a)[1].key, "k");
  EXPECT_EQ((*a)[1].value, "v");
  EXPECT_FALSE(ParseAnnotation("blob:k=v", true).ok());
}

}  // namespace
}  // namespace mybuild::exporter
