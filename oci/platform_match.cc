#include "oci/platform_match.h"

#include <algorithm>
#include <cctype>

namespace mybuild::oci {
namespace {

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(c));
  return s;
}

// "7" -> 7, "v7" -> 7; -1 if not of that shape.
int VariantNumber(const std::string& v) {
  std::string digits = v.starts_with("v") ? v.substr(1) : v;
  if (digits.empty() || digits.size() > 3) return -1;
  for (char c : digits) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return -1;
  }
  return std::stoi(digits);
}

// How well `have` fits `want`: -1 = it does not run; higher is better.
int Score(const Platform& want, const Platform& have) {
  Platform w = NormalizePlatform(want), h = NormalizePlatform(have);
  if (w.os != h.os || w.architecture != h.architecture) return -1;
  if (w.variant == h.variant) return 1000;
  if (w.architecture == "arm") {
    int wn = VariantNumber(w.variant), hn = VariantNumber(h.variant);
    return (wn > 0 && hn > 0 && hn < wn) ? hn : -1;
  }
  return w.variant.empty() ? 0 : -1;
}

}  // namespace

Platform DefaultPlatform() {
  Platform p;
  p.os = "linux";
  p.architecture = "amd64";
  return p;
}

Platform NormalizePlatform(const Platform& in) {
  Platform p = in;
  p.os = Lower(p.os);
  p.architecture = Lower(p.architecture);
  p.variant = Lower(p.variant);
  const std::string& a = p.architecture;
  if (a == "x86_64" || a == "x86-64") p.architecture = "amd64";
  if (a == "i386") p.architecture = "386";
  if (a == "aarch64") p.architecture = "arm64";
  if (a == "armhf") p = {p.os, "arm", "v7", p.os_version, p.os_features};
  if (a == "armel") p = {p.os, "arm", "v6", p.os_version, p.os_features};
  if (VariantNumber(p.variant) > 0 && !p.variant.starts_with("v")) {
    p.variant = "v" + p.variant;
  }
  if (p.architecture == "arm64" && p.variant.empty()) p.variant = "v8";
  if (p.architecture == "arm" && p.variant.empty()) p.variant = "v7";
  return p;
}

bool PlatformRuns(const Platform& want, const Platform& have) {
  return Score(want, have) >= 0;
}

Expected<Descriptor> SelectManifest(const ImageIndex& index,
                                    const Platform& want) {
  const Descriptor* best = nullptr;
  int best_score = -1;
  std::string available;
  for (const Descriptor& d : index.manifests) {
    if (!d.platform) continue;
    int s = Score(want, *d.platform);
    if (s > best_score) {
      best = &d;
      best_score = s;
    }
    if (d.platform->os == "unknown") continue;  // attestations
    available += (available.empty() ? "" : ", ") + d.platform->str();
  }
  if (best) return *best;
  return NotFound("no image for " + want.str() + " in the index (it has " +
                  (available.empty() ? "no platforms" : available) + ")");
}

}  // namespace mybuild::oci
