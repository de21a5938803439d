// Path names inside layer tars: the clean form LayerWriter writes, the
// normalisation readers apply, and whiteout names.
#pragma once

#include <string>
#include <string_view>

#include "base/status.h"

namespace mybuild::oci {

// True for "a", "a/b": non-empty, relative, no empty, "." or ".."
// components, no trailing "/".
bool IsCleanTarPath(std::string_view path);

// The clean form of a name read from a tar: leading "/" and "./" dropped,
// "." and empty components removed, ".." folded into its parent; the root
// itself ("/", "./") becomes "". Fails with kInvalidArgument
//   layer entry "../x": path escapes the target
// when ".." climbs above the root.
Expected<std::string> NormalizeTarPath(std::string_view name);

// "a/b/c" -> "a/b"; "c" -> "".
std::string_view ParentOf(std::string_view clean_path);
// "a/b/c" -> "c".
std::string_view BaseOf(std::string_view clean_path);

// "a/b" -> "a/.wh.b".
std::string WhiteoutPath(std::string_view clean_path);

// Whether resolving symlink `target`, stored at clean path `link`, stays
// inside the root lexically: absolute targets are inside by definition
// (they are resolved against the image root); relative ones must not climb
// above it.
bool SymlinkStaysInside(std::string_view link, std::string_view target);

}  // namespace mybuild::oci
