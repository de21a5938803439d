#include "cli/early_sources.h"

#include <gtest/gtest.h>

namespace mybuild::cli {
namespace {

using Lists = std::vector<std::vector<std::string>>;

Lists Of(const std::string& text, const std::string& target = "") {
  Expected<frontend::Dockerfile> df = frontend::ParseDockerfile(text, "Dockerfile");
  EXPECT_TRUE(df.ok()) << df.status().message();
  return df.ok() ? EarlyContextSources(*df, target) : Lists{};
}

TEST(EarlyContextSourcesTest, TheContextSourcesOfEachCopyAndAddInOrder) {
  EXPECT_EQ(Of("FROM busybox AS build\n"
               "COPY . /ctx/\n"
               "ADD https://example.com/x.tgz vendor/ /v/\n"
               "COPY --from=build /ctx /again\n"
               "COPY <<EOF /inline\nhi\nEOF\n"
               "FROM busybox\n"
               "COPY a.txt b/ /dst/\n"),
            (Lists{{"."}, {"vendor/"}, {"a.txt", "b/"}}));
}

TEST(EarlyContextSourcesTest, SourcesThePlannerWouldExpandAreLeftToIt) {
  EXPECT_EQ(Of("FROM busybox\nARG D=src\n"
               "COPY $D/ /src/\n"
               "COPY [\"a b\", \"/x/\"]\n"
               "COPY ${D}.txt c.txt /y/\n"
               "COPY https://example.com/f /z\n"),
            (Lists{{"a b"}}));
}

TEST(EarlyContextSourcesTest, StagesAfterTheTargetAreNotHashed) {
  const std::string df =
      "FROM busybox AS Deps\nCOPY go.mod /m/\n"
      "FROM busybox AS app\nCOPY . /app/\n";
  EXPECT_EQ(Of(df, "deps"), (Lists{{"go.mod"}}));
  EXPECT_EQ(Of(df, "DEPS"), (Lists{{"go.mod"}}));
  EXPECT_EQ(Of(df, "app"), (Lists{{"go.mod"}, {"."}}));
  EXPECT_EQ(Of(df, "nosuch"), (Lists{{"go.mod"}, {"."}}));
}

}  // namespace
}  // namespace mybuild::cli
