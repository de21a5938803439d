#include "executor/ignore_whiteouts.h"

#include <dirent.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

#include <cerrno>
#include <memory>
#include <vector>

#include "base/fd.h"

namespace mybuild::executor {
namespace {

class Walker {
 public:
  Walker(const std::string& context,
         const std::function<bool(const std::string&)>& excluded,
         const std::string& upper)
      : context_(context), excluded_(excluded), upper_(upper) {}

  // Hides what is excluded under `rel`; returns whether everything under
  // it is excluded (so the caller may hide `rel` itself instead).
  Expected<bool> Dir(const std::string& rel) {
    std::vector<std::string> names;
    std::string path = rel.empty() ? context_ : context_ + "/" + rel;
    std::unique_ptr<DIR, int (*)(DIR*)> d(::opendir(path.c_str()), ::closedir);
    if (!d) return SysError("opendir", path, errno);
    while (struct dirent* e = ::readdir(d.get())) {
      std::string n = e->d_name;
      if (n != "." && n != "..") names.push_back(n);
    }
    std::vector<std::string> hide;
    bool all = true;
    for (const std::string& n : names) {
      std::string child = rel.empty() ? n : rel + "/" + n;
      struct stat st;
      bool is_dir = ::lstat((context_ + "/" + child).c_str(), &st) == 0 &&
                    S_ISDIR(st.st_mode);
      bool out = excluded_(child);
      if (is_dir) {
        // Walked either way: a pattern may exclude inside it, or an
        // exception keep something inside an excluded one.
        ASSIGN_OR_RETURN(bool whole, Dir(child));
        out = out && whole;
      }
      if (out) {
        hide.push_back(child);
      } else {
        all = false;
      }
    }
    if (all && !rel.empty() && excluded_(rel))
      return true;  // the caller hides rel
    for (const std::string& h : hide) RETURN_IF_ERROR(Whiteout(h));
    return false;
  }

  Status Whiteout(const std::string& rel) {
    std::string path = upper_ + "/" + rel;
    RETURN_IF_ERROR(MakeDirs(path.substr(0, path.rfind('/'))));
    if (::mknod(path.c_str(), S_IFCHR | 0600, makedev(0, 0)) != 0) {
      return SysError("mknod", path, errno);
    }
    ++count_;
    return Status::Ok();
  }

  int count() const { return count_; }

 private:
  const std::string& context_;
  const std::function<bool(const std::string&)>& excluded_;
  const std::string& upper_;
  int count_ = 0;
};

}  // namespace

Expected<int> WhiteoutExcluded(
    const std::string& context, const std::string& dir,
    const std::function<bool(const std::string&)>& excluded,
    const std::string& upper) {
  Walker w(context, excluded, upper);
  ASSIGN_OR_RETURN(bool whole, w.Dir(dir));
  if (whole) RETURN_IF_ERROR(w.Whiteout(dir));  // dir itself is excluded
  return w.count();
}

}  // namespace mybuild::executor
