#include "executor/copy_applier.h"

#include <dirent.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <sys/sendfile.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <filesystem>

#include "base/fd.h"
#include "cache/source_glob.h"

namespace mybuild::executor {
namespace {

namespace fs = std::filesystem;

struct Owner {
  uint32_t uid, gid;
};

Expected<std::vector<std::string>> ListDir(const std::string& dir) {
  std::vector<std::string> names;
  std::unique_ptr<DIR, int (*)(DIR*)> d(::opendir(dir.c_str()), ::closedir);
  if (!d) return SysError("opendir", dir, errno);
  while (struct dirent* e = ::readdir(d.get())) {
    std::string n = e->d_name;
    if (n != "." && n != "..") names.push_back(n);
  }
  std::sort(names.begin(), names.end());
  return names;
}

Status SetMeta(const std::string& path, const struct stat& src, Owner owner,
               std::optional<uint32_t> mode) {
  if (::lchown(path.c_str(), owner.uid, owner.gid) != 0) {
    return SysError("lchown", path, errno);
  }
  if (!S_ISLNK(src.st_mode)) {
    mode_t m = mode ? *mode : (src.st_mode & 07777);
    if (::chmod(path.c_str(), m) != 0) return SysError("chmod", path, errno);
  }
  struct timespec times[2] = {src.st_mtim, src.st_mtim};
  if (::utimensat(AT_FDCWD, path.c_str(), times, AT_SYMLINK_NOFOLLOW) != 0) {
    return SysError("utimensat", path, errno);
  }
  return Status::Ok();
}

Status CopyFileData(const std::string& from, const std::string& to,
                    off_t size) {
  ASSIGN_OR_RETURN(UniqueFd in, OpenFile(from, O_RDONLY | O_NOFOLLOW));
  ASSIGN_OR_RETURN(UniqueFd out,
                   OpenFile(to, O_WRONLY | O_CREAT | O_EXCL, 0600));
  off_t done = 0;
  while (done < size) {
    ssize_t n = ::sendfile(out.get(), in.get(), nullptr, size - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return SysError("sendfile", to, errno);
    if (n == 0)
      return IoError("copy \"" + from + "\": file shrank while copying");
    done += n;
  }
  return Status::Ok();
}

// Copies one context entry (file, symlink or whole directory) to `to`.
Status CopyEntry(const CopyRequest& req, const std::string& rel,
                 const std::string& to, Owner owner) {
  std::string from = req.context + "/" + rel;
  struct stat st;
  if (::lstat(from.c_str(), &st) != 0) return SysError("lstat", from, errno);
  if (S_ISREG(st.st_mode)) {
    RETURN_IF_ERROR(CopyFileData(from, to, st.st_size));
  } else if (S_ISLNK(st.st_mode)) {
    std::error_code ec;
    fs::path target = fs::read_symlink(from, ec);
    if (ec) return SysError("readlink", from, ec.value());
    if (::symlink(target.c_str(), to.c_str()) != 0) {
      return SysError("symlink", to, errno);
    }
  } else if (S_ISDIR(st.st_mode)) {
    if (::mkdir(to.c_str(), 0700) != 0 && errno != EEXIST) {
      return SysError("mkdir", to, errno);
    }
    ASSIGN_OR_RETURN(std::vector<std::string> names, ListDir(from));
    for (const std::string& n : names) {
      std::string child = rel + "/" + n;
      if (req.excluded && req.excluded(child)) continue;
      RETURN_IF_ERROR(CopyEntry(req, child, to + "/" + n, owner));
    }
  } else {
    return InvalidArgument("COPY failed: \"" + rel +
                           "\" is not a file, directory or symlink");
  }
  return SetMeta(to, st, owner, S_ISDIR(st.st_mode) ? std::nullopt : req.mode);
}

}  // namespace

Status StageDirectory(const std::string& dir, const LayerView& image,
                      const std::string& staging) {
  std::string path;
  for (const auto& part : fs::path(dir)) {
    if (part == "/" || part.empty()) continue;
    path += "/" + part.string();
    std::string host = staging + path;
    if (::mkdir(host.c_str(), 0755) != 0 && errno != EEXIST) {
      return SysError("mkdir", host, errno);
    }
    std::optional<struct stat> st = image.Lstat(path);
    if (st && S_ISDIR(st->st_mode)) {
      RETURN_IF_ERROR(
          SetMeta(host, *st, {st->st_uid, st->st_gid}, std::nullopt));
    } else {
      struct stat fresh = {};
      fresh.st_mode = S_IFDIR | 0755;
      RETURN_IF_ERROR(SetMeta(host, fresh, {0, 0}, std::nullopt));
    }
  }
  return Status::Ok();
}

Status ApplyCopy(const CopyRequest& req, const LayerView& image,
                 const std::string& staging) {
  std::vector<std::string> all;
  for (const std::string& s : req.sources) {
    ASSIGN_OR_RETURN(std::vector<std::string> found,
                     cache::ExpandSource(req.context, s, req.excluded));
    if (found.empty()) {
      return NotFound(
          "COPY failed: file not found in build context or "
          "excluded by .dockerignore: \"" +
          s + "\"");
    }
    all.insert(all.end(), found.begin(), found.end());
  }
  bool dest_is_dir = req.dest.back() == '/';
  std::optional<struct stat> existing = image.Lstat(req.dest);
  if (existing && S_ISDIR(existing->st_mode)) dest_is_dir = true;
  if (all.size() > 1 && req.dest.back() != '/' && !dest_is_dir) {
    return InvalidArgument(
        "When using COPY with more than one source file, the destination "
        "must be a directory and end with a /");
  }
  Owner owner{req.uid.value_or(0), req.gid.value_or(0)};
  std::string dest = fs::path(req.dest).lexically_normal().string();
  while (dest.size() > 1 && dest.back() == '/') dest.pop_back();
  for (const std::string& rel : all) {
    struct stat st;
    std::string from = req.context + "/" + rel;
    if (::lstat(from.c_str(), &st) != 0) return SysError("lstat", from, errno);
    if (S_ISDIR(st.st_mode)) {
      RETURN_IF_ERROR(StageDirectory(dest, image, staging));
      ASSIGN_OR_RETURN(std::vector<std::string> names, ListDir(from));
      for (const std::string& n : names) {
        std::string child = rel == "." ? n : rel + "/" + n;
        if (req.excluded && req.excluded(child)) continue;
        std::string to = (dest == "/" ? staging : staging + dest) + "/" + n;
        RETURN_IF_ERROR(CopyEntry(req, child, to, owner));
      }
      continue;
    }
    std::string target = dest_is_dir ? (dest == "/" ? "" : dest) + "/" +
                                           fs::path(rel).filename().string()
                                     : dest;
    RETURN_IF_ERROR(StageDirectory(fs::path(target).parent_path().string(),
                                   image, staging));
    RETURN_IF_ERROR(CopyEntry(req, rel, staging + target, owner));
  }
  return Status::Ok();
}

}  // namespace mybuild::executor
