#include "executor/tmp_claim.h"

#include <signal.h>
#include <sys/file.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>

#include "base/fd.h"
#include "cache/scratch_dir.h"

namespace mybuild::executor {

struct TmpClaim::State {
  UniqueFd lock;  // tmp/.lock, shared
  cache::ScratchDir scratch;
  cache::StorePaths store;
  UniqueFd reaper_pipe;  // its write end: closing it lets the reaper go
  pid_t reaper = -1;

  ~State() {
    (void)scratch.Remove();
    reaper_pipe.Reset();
    if (reaper > 0) {
      while (::waitpid(reaper, nullptr, 0) < 0 && errno == EINTR) {
      }
    }
  }
};

namespace {

Status Flock(int fd, int op, const std::string& path) {
  while (::flock(fd, op) != 0) {
    if (errno != EINTR) return SysError("flock", path, errno);
  }
  return Status::Ok();
}

// The reaper: waits for the builder to close `pipe` (or die), then removes
// `dir` once the builder's lock on it is gone. A dying sandbox may still
// write into it for a moment, so removal is tried for a few seconds.
[[noreturn]] void ReaperMain(int pipe, const std::string& dir) {
  for (int sig : {SIGINT, SIGTERM, SIGHUP, SIGQUIT}) ::signal(sig, SIG_IGN);
  unsigned keep = static_cast<unsigned>(pipe);
  if (keep > 0) ::syscall(SYS_close_range, 0u, keep - 1, 0u);
  ::syscall(SYS_close_range, keep + 1, ~0u, 0u);
  char c;
  while (::read(pipe, &c, 1) < 0 && errno == EINTR) {
  }
  for (int i = 0; i < 50; ++i) {
    if (cache::RemoveScratchOnceFree(dir, true).ok()) ::_exit(0);
    ::usleep(100 * 1000);
  }
  ::_exit(1);
}

}  // namespace

Expected<TmpClaim> TmpClaim::Acquire(const cache::StorePaths& store) {
  RETURN_IF_ERROR(MakeDirs(store.TmpDir()));
  const std::string path = LockPath(store);
  ASSIGN_OR_RETURN(UniqueFd fd, OpenFile(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600));
  if (::flock(fd.get(), LOCK_EX | LOCK_NB) == 0) {
    RETURN_IF_ERROR(cache::SweepTmp(store).status());
  } else if (errno != EWOULDBLOCK) {
    return SysError("flock", path, errno);
  } else {
    RETURN_IF_ERROR(cache::RemoveStaleScratch(store).status());
  }
  // From exclusive to shared, or wait for a sweeping build to finish.
  RETURN_IF_ERROR(Flock(fd.get(), LOCK_SH, path));
  ASSIGN_OR_RETURN(cache::ScratchDir scratch, cache::ScratchDir::Create(store));
  int p[2];
  if (::pipe2(p, O_CLOEXEC) != 0) return SysError("pipe2", "", errno);
  UniqueFd read_end(p[0]), write_end(p[1]);
  pid_t pid = ::fork();
  if (pid < 0) return SysError("fork", "", errno);
  if (pid == 0) ReaperMain(read_end.get(), scratch.path());
  cache::StorePaths build_store = store.WithTmpDir(scratch.path());
  return TmpClaim(std::unique_ptr<State>(new State{
      std::move(fd), std::move(scratch), std::move(build_store), std::move(write_end), pid}));
}

TmpClaim::TmpClaim(std::unique_ptr<State> s) : s_(std::move(s)) {}
TmpClaim::TmpClaim(TmpClaim&&) noexcept = default;
TmpClaim::~TmpClaim() = default;

const cache::StorePaths& TmpClaim::store() const { return s_->store; }
pid_t TmpClaim::reaper() const { return s_->reaper; }

}  // namespace mybuild::executor
