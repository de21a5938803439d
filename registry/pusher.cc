#include "registry/pusher.h"

#include <sys/stat.h>

#include <cerrno>

#include "base/parallel.h"

namespace mybuild::registry {
namespace {

// Docker's default (max-concurrent-uploads). A small blob's push is three
// round trips (HEAD, POST, PUT) and almost no bytes, so an image of many
// small layers is bound by the registry's latency, not by the link; two at
// a time made a 31-layer push 1.5x dockerd's.
constexpr int kParallelBlobs = 5;

Status PushOne(RegistryClient& client, const std::string& repo,
               const PushBlob& blob, const BlobProgressFn& progress) {
  const oci::Descriptor& d = blob.descriptor;
  struct stat st;
  if (::stat(blob.path.c_str(), &st) != 0) {
    return SysError("stat", blob.path, errno);
  }
  if (st.st_size != d.size) {
    return InvalidArgument("blob " + d.digest.str() + ": \"" + blob.path +
                           "\" has " + std::to_string(st.st_size) +
                           " bytes, expected " + std::to_string(d.size));
  }
  ASSIGN_OR_RETURN(bool exists, client.BlobExists(repo, d.digest));
  if (exists) return Status::Ok();
  std::string from = blob.mount_from.empty()
                         ? client.RepositoryHolding(d.digest, repo)
                         : blob.mount_from;
  return client.UploadBlob(repo, d.digest, blob.path, from, progress);
}

}  // namespace

BlobPusher::BlobPusher(RegistryClient& client, const oci::ImageReference& ref,
                       BlobProgressFn progress)
    : client_(client), ref_(ref), progress_(std::move(progress)), queue_(kParallelBlobs) {}

void BlobPusher::Add(PushBlob blob) {
  queue_.Add([this, blob = std::move(blob)] {
    return PushOne(client_, ref_.path(), blob, progress_);
  });
}

Status BlobPusher::Finish() {
  Status st = queue_.Finish();
  if (!st.ok()) return st.WithPrefix("push " + ref_.Familiar());
  return st;
}

Expected<oci::Digest> Push(RegistryClient& client,
                           const oci::ImageReference& ref,
                           const std::string& media_type,
                           const std::string& manifest,
                           const std::vector<PushBlob>& blobs,
                           const BlobProgressFn& progress) {
  std::string what = "push " + ref.Familiar();
  BlobPusher pusher(client, ref, progress);
  for (const PushBlob& b : blobs) pusher.Add(b);
  RETURN_IF_ERROR(pusher.Finish());
  std::string target = ref.tag().empty() ? ref.digest()->str() : ref.tag();
  auto digest = client.PutManifest(ref.path(), target, media_type, manifest);
  if (!digest.ok()) return digest.status().WithPrefix(what);
  return digest;
}

}  // namespace mybuild::registry
