#include "executor/copy_step.h"

#include <fcntl.h>
#include <sys/stat.h>

#include <cerrno>

#include "base/fd.h"
#include "executor/archive_extract.h"
#include "executor/copy_applier.h"
#include "executor/git_fetch.h"
#include "executor/stage_mount.h"
#include "executor/url_fetch.h"
#include "planner/run_heredoc.h"

namespace mybuild::executor {
namespace {

bool IsHttpUrl(const std::string& src) {
  return src.rfind("http://", 0) == 0 || src.rfind("https://", 0) == 0;
}

bool IsRegularFile(const CopyItem& item) {
  struct stat st;
  return ::lstat((item.root + "/" + item.rel).c_str(), &st) == 0 &&
         S_ISREG(st.st_mode);
}

class StepCopier {
 public:
  StepCopier(const planner::CopyStep& copy, const CopyStepInputs& in)
      : copy_(copy), in_(in), what_(copy.is_add ? "ADD" : "COPY") {}

  // The items of every source, found in `root` (the context, or the stage).
  Status Collect(const std::string& root, bool context) {
    for (const std::string& src : copy_.sources) {
      bool remote = copy_.is_add && (IsGitUrl(src) || IsHttpUrl(src));
      if (!copy_.checksum.empty() && !(remote && IsHttpUrl(src))) {
        return InvalidArgument(
            "ADD --checksum is only supported for http(s) sources");
      }
      if (remote) {
        RETURN_IF_ERROR(IsGitUrl(src) ? Git(src) : Http(src));
        continue;
      }
      ASSIGN_OR_RETURN(std::vector<CopyItem> found,
                       FindSources(root, src, copy_.parents,
                                   context ? in_.excluded : nullptr));
      // A wildcard may match nothing, even alone (AllowEmptyWildcard).
      if (found.empty() && MayMatchNothing(src)) continue;
      if (found.empty()) return NotFoundIn(context, src);
      for (CopyItem& item : found) {
        item.context = context;
        item.unpack = copy_.is_add && context && copy_.unpack.value_or(true) &&
                      IsRegularFile(item) &&
                      IsArchive(item.root + "/" + item.rel);
        items_.push_back(std::move(item));
      }
    }
    return Inline();
  }

  Status Apply(const LayerView& image, const std::string& staging) {
    CopyRequest req;
    req.items = items_;
    req.dest = copy_.dest;
    req.uid = in_.uid;
    req.gid = in_.gid;
    req.keep_owners = copy_.from_stage >= 0;
    req.excluded = in_.excluded;
    req.parents = copy_.parents;
    req.what = what_;
    if (!copy_.chmod.empty()) {
      ASSIGN_OR_RETURN(ChmodSpec chmod, ChmodSpec::Parse(copy_.chmod));
      req.chmod = chmod;
    }
    ASSIGN_OR_RETURN(req.exclude,
                     frontend::ignore::Matcher::Create(copy_.excludes));
    LayerView none({});
    return ApplyCopy(req, copy_.link ? none : image, staging);
  }

 private:
  Status NotFoundIn(bool context, const std::string& src) const {
    return NotFound(
        what_ + " failed: file not found in " +
        (context ? "build context or excluded by .dockerignore" : "stage") +
        ": \"" + src + "\"");
  }

  Expected<std::string> Scratch(const std::string& kind) {
    std::string dir = in_.scratch + "/" + kind + std::to_string(++n_);
    RETURN_IF_ERROR(MakeDirs(dir));
    return dir;
  }

  Status Http(const std::string& url) {
    ASSIGN_OR_RETURN(std::string dir, Scratch("url"));
    RETURN_IF_ERROR(FetchUrl(url, dir, copy_.checksum));
    CopyItem item{dir, UrlFileName(url), "", false, false};
    if (copy_.parents) item.keep = item.rel;
    item.unpack =
        copy_.unpack.value_or(false) && IsArchive(dir + "/" + item.rel);
    items_.push_back(item);
    return Status::Ok();
  }

  // Heredoc sources, each written as a file of its own in scratch space
  // (mode 0644, mtime 0), then copied as any file is.
  Status Inline() {
    for (const planner::InlineFile& f : copy_.inline_sources) {
      if (!planner::IsHeredocFileName(f.name)) {
        return InvalidArgument("heredoc name \"" + f.name +
                               "\" cannot name a file");
      }
      ASSIGN_OR_RETURN(std::string dir, Scratch("inline"));
      const std::string path = dir + "/" + f.name;
      ASSIGN_OR_RETURN(UniqueFd fd,
                       OpenFile(path, O_WRONLY | O_CREAT | O_EXCL, 0644));
      RETURN_IF_ERROR(WriteAll(fd.get(), f.content, path));
      const struct timespec epoch[2] = {{0, 0}, {0, 0}};
      if (::fchmod(fd.get(), 0644) != 0) return SysError("chmod", path, errno);
      if (::futimens(fd.get(), epoch) != 0) {
        return SysError("futimens", path, errno);
      }
      items_.push_back(
          CopyItem{dir, f.name, copy_.parents ? f.name : "", false, false});
    }
    return Status::Ok();
  }

  Status Git(const std::string& url) {
    ASSIGN_OR_RETURN(std::string dir, Scratch("git"));
    ASSIGN_OR_RETURN(std::string repo,
                     FetchGit(url, dir + "/repo", copy_.keep_git_dir));
    items_.push_back(CopyItem{repo, "", "", false, false});
    return Status::Ok();
  }

  const planner::CopyStep& copy_;
  const CopyStepInputs& in_;
  std::string what_;
  std::vector<CopyItem> items_;
  int n_ = 0;
};

}  // namespace

Status ApplyCopyStep(const planner::CopyStep& copy, const LayerView& image,
                     const CopyStepInputs& in, const std::string& staging) {
  StepCopier copier(copy, in);
  if (copy.from_stage < 0) {
    RETURN_IF_ERROR(copier.Collect(in.context_dir, /*context=*/true));
    return copier.Apply(image, staging);
  }
  return WithStageMounted(
      in.from_layers, in.scratch + "/from",
      [&](const std::string& root) -> Status {
        RETURN_IF_ERROR(copier.Collect(root, /*context=*/false));
        return copier.Apply(image, staging);
      });
}

}  // namespace mybuild::executor
