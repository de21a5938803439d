// Choosing the image for a platform out of a multi-platform index.
#pragma once

#include "base/status.h"
#include "oci/descriptor.h"
#include "oci/manifest.h"

namespace mybuild::oci {

// linux/amd64: what we build for unless told otherwise.
Platform DefaultPlatform();

// Canonical spelling: lower-case os; architecture aliases (x86_64 -> amd64,
// aarch64 -> arm64, armhf -> arm/v7, armel -> arm/v6, i386 -> 386); bare
// variant numbers get a "v"; arm64 without a variant is v8 and arm without a
// variant is v7.
Platform NormalizePlatform(const Platform& p);

// Whether an image built for `have` runs on `want`, after normalisation:
// same os and architecture, and the same variant, except that a 32-bit arm
// `want` of vN also runs any older arm vM (M < N). A `want` without a
// variant (on other architectures) accepts any variant.
bool PlatformRuns(const Platform& want, const Platform& have);

// The entry of `index` for `want`: an exact variant match wins, then the
// newest older arm variant; among equals the first listed. Entries without
// a platform are skipped. Fails with kNotFound, e.g.
//   no image for linux/s390x in the index (it has linux/amd64, linux/arm64/v8)
Expected<Descriptor> SelectManifest(const ImageIndex& index,
                                    const Platform& want);

}  // namespace mybuild::oci
