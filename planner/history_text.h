// The `created_by` texts of image history entries, spelled as BuildKit's
// Dockerfile frontend spells them (dockerfile2llb/convert.go): Go's fmt
// verbs applied to the instruction's values after expansion.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "oci/image_config.h"

namespace mybuild::planner {

// What a step that makes a layer appends to its text: " # buildkit".
inline constexpr char kLayerHistorySuffix[] = " # buildkit";

// fmt's %v of a []string: "[a b c]", "[]" when empty; words as they are.
std::string GoList(const std::vector<std::string>& words);

// fmt's %q of a []string: `["a" "b c"]`, each word strconv.Quote'd.
std::string GoQuotedList(const std::vector<std::string>& words);

// time.Duration(ns).String(): "0s", "500ms", "1.5µs", "1m30s", "2h0m0s".
std::string GoDuration(int64_t ns);

// "HEALTHCHECK " and fmt's %+v of BuildKit's HealthcheckConfig:
// "HEALTHCHECK {Test:[CMD true] Interval:5s Timeout:0s StartPeriod:0s
// StartInterval:0s Retries:3}".
std::string HealthcheckHistory(const oci::Healthcheck& h);

// RUN's text without the suffix: "RUN " then, when the stage has declared
// ARGs, "|N K=V ... " (each declared name once, in order of declaration,
// with the value the RUN sees), then the argv joined by spaces.
std::string RunHistory(
    const std::vector<std::string>& argv,
    const std::vector<std::pair<std::string, std::string>>& build_args);

}  // namespace mybuild::planner
