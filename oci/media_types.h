// Media types of OCI and Docker schema2 manifests, configs and layers.
#pragma once

#include <string_view>

namespace mybuild::oci::media {

// OCI image-spec v1.
inline constexpr std::string_view kOciManifest =
    "application/vnd.oci.image.manifest.v1+json";
inline constexpr std::string_view kOciIndex =
    "application/vnd.oci.image.index.v1+json";
inline constexpr std::string_view kOciConfig =
    "application/vnd.oci.image.config.v1+json";
inline constexpr std::string_view kOciLayer =
    "application/vnd.oci.image.layer.v1.tar";
inline constexpr std::string_view kOciLayerGzip =
    "application/vnd.oci.image.layer.v1.tar+gzip";
inline constexpr std::string_view kOciLayerZstd =
    "application/vnd.oci.image.layer.v1.tar+zstd";
inline constexpr std::string_view kOciLayerNondistributableGzip =
    "application/vnd.oci.image.layer.nondistributable.v1.tar+gzip";
inline constexpr std::string_view kOciEmpty =
    "application/vnd.oci.empty.v1+json";

// Docker image manifest v2 schema 2.
inline constexpr std::string_view kDockerManifest =
    "application/vnd.docker.distribution.manifest.v2+json";
inline constexpr std::string_view kDockerManifestList =
    "application/vnd.docker.distribution.manifest.list.v2+json";
inline constexpr std::string_view kDockerConfig =
    "application/vnd.docker.container.image.v1+json";
inline constexpr std::string_view kDockerLayerGzip =
    "application/vnd.docker.image.rootfs.diff.tar.gzip";
inline constexpr std::string_view kDockerLayerUncompressed =
    "application/vnd.docker.image.rootfs.diff.tar";
inline constexpr std::string_view kDockerForeignLayer =
    "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip";

// Classification helpers for code that accepts either family.
bool IsManifest(std::string_view t);  // OCI or Docker single-image manifest
bool IsIndex(std::string_view t);     // OCI index or Docker manifest list
bool IsLayer(std::string_view t);     // any layer type above

// How a layer blob is compressed, from its media type.
enum class Compression { kNone, kGzip, kZstd, kUnknown };
Compression LayerCompression(std::string_view t);

}  // namespace mybuild::oci::media
