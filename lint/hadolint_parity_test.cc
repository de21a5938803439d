// A Dockerfile written the way hadolint's users write them, with the codes
// and lines hadolint's rules give it (worked out from hadolint's rule
// definitions), pinned through the whole linter: catalogue, pragmas,
// central filter. Not in the list, as in hadolint: DL3009 (the apt lists of
// a stage that is only copied from), DL3013 (ignored by its pragma) and
// DL3059 (ignored globally). DL3002 is: hadolint reports the last USER root
// of every stage (DL3002.hs; "warns on multiple stages" in DL3002Spec.hs).
#include <gtest/gtest.h>

#include "lint/catalogue.h"
#include "lint/linter.h"

namespace mybuild::lint {
namespace {

constexpr const char* kDockerfile = R"(# hadolint global ignore=DL3059
FROM ubuntu AS build
MAINTAINER someone@example.com
WORKDIR src
RUN apt-get update && apt-get install python3 curl
RUN cd /tmp && sudo make install
# hadolint ignore=DL3013
RUN pip install requests
RUN curl -fsSL https://example.com/install.sh | sh
RUN wget https://example.com/x.tgz
COPY --from=biuld /out /out
COPY a b c
ADD ./message /message
EXPOSE 80000
USER root
CMD cat /message | figlet
FROM debian:latest
COPY --from=build /out /srv/
ENTRYPOINT ["/srv/run"]
ENTRYPOINT ["/srv/run2"]
)";

TEST(HadolintParityTest, SameCodesOnTheSameLines) {
  LintResult r = LintText(kDockerfile, "Dockerfile", LintConfig{}, Catalogue());
  ASSERT_FALSE(r.parse_error) << r.parse_error->message;
  std::vector<std::string> got;
  for (const Finding& f : r.findings) {
    got.push_back(std::to_string(f.line) + " " + f.code);
  }
  EXPECT_EQ(got,
            (std::vector<std::string>{
                "2 DL3006",  "3 DL4000",  "4 DL3000",  "4 WorkdirRelativePath",
                "5 DL3008",  "5 DL3014",  "5 DL3015",  "6 DL3003",
                "6 DL3004",  "8 DL3042",  "9 DL4006",  "10 DL3047",
                "10 DL4001", "11 DL3022", "12 DL3021", "13 DL3020",
                "14 DL3011", "15 DL3002", "15 DL3066", "16 DL3025", "17 DL3007",
                "20 DL4004"}));
}

// What a build refuses but hadolint parses and reports on its line, the
// other rules going on around it: instructions before the first FROM
// (DL3061), ONBUILD triggering ONBUILD, FROM or MAINTAINER (DL3043) and a
// repeated stage name (DL3024).
constexpr const char* kRefusedByBuilds = R"(# syntax=docker/dockerfile:1
LABEL maintainer=someone@example.com
ARG TAG=22.04
FROM ubuntu:${TAG} AS base
ONBUILD ONBUILD RUN make
ONBUILD FROM alpine
ONBUILD MAINTAINER someone@example.com
RUN apt-get update && apt-get install -y curl
FROM debian:12 AS base
WORKDIR src
FROM base
RUN cd /tmp && make
)";

TEST(HadolintParityTest, WhatOnlyABuildRefuses) {
  LintResult r =
      LintText(kRefusedByBuilds, "Dockerfile", LintConfig{}, Catalogue());
  ASSERT_FALSE(r.parse_error) << r.parse_error->message;
  std::vector<std::string> got;
  for (const Finding& f : r.findings) {
    got.push_back(std::to_string(f.line) + " " + f.code + " " +
                  std::string(SeverityName(f.severity)));
  }
  EXPECT_EQ(got, (std::vector<std::string>{
                     "2 DL3061 error", "5 DL3043 error", "6 DL3043 error",
                     "7 DL3043 error", "8 DL3008 warning", "8 DL3009 info",
                     "8 DL3015 info", "9 DL3024 error", "10 DL3000 error",
                     "10 WorkdirRelativePath warning", "12 DL3003 warning"}));
}

}  // namespace
}  // namespace mybuild::lint
