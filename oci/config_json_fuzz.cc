// libFuzzer target for the OCI JSON parsers: image config, manifest and
// index. The first byte picks the parser, the rest is the document.
// Besides memory errors (ASan), it checks that what parses re-serialises
// to JSON that parses again and serialises to the same bytes.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "oci/image_config.h"
#include "oci/manifest.h"

namespace {

template <typename T>
void RoundTrip(std::string_view text) {
  auto parsed = T::FromJson(text);
  if (!parsed.ok()) return;
  const std::string once = parsed->ToJson();
  auto again = T::FromJson(once);
  if (!again.ok()) std::abort();
  if (again->ToJson() != once) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const std::string_view text(reinterpret_cast<const char*>(data) + 1,
                              size - 1);
  switch (data[0] % 3) {
    case 0:
      RoundTrip<mybuild::oci::ImageConfig>(text);
      break;
    case 1:
      RoundTrip<mybuild::oci::Manifest>(text);
      break;
    default:
      RoundTrip<mybuild::oci::ImageIndex>(text);
      break;
  }
  return 0;
}
