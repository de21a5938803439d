// What a step's key was made from, by name, so `--explain` can say which
// input changed since the last build of the same step. The list is derived
// from the same fields as the recipe (cache_key.h), split finer: one entry
// per environment variable, and (added by the executor for COPY from the
// context) one per file.
#pragma once

#include <string>
#include <vector>

#include "planner/build_graph.h"

namespace mybuild::planner {

// The named inputs of `step` on top of `parent_key`. Names:
//   parent                 the key of the step below (or the stage's base)
//   command                RUN: argv as JSON
//   ARG K / ENV K          RUN: one per variable, ARGs named by `arg_names`
//   user, workdir, network RUN
//   mount N, mounts-digest RUN --mount: each mount, and what bind mounts read
//   sources, dest, chown, chmod, add   COPY/ADD
//   from, link, parents, exclude, checksum, keep-git-dir, unpack
//                          COPY/ADD flags, only when given
//   sources-digest         COPY/ADD: the context digest of the sources
//   workdir                WORKDIR
// Values are compared as strings; config steps have none.
std::vector<StepInput> ExplainInputs(const Step& step,
                                     const std::string& parent_key,
                                     const std::vector<std::string>& arg_names);

// `inputs` in the form they are stored and compared in: every value a
// Dockerfile or a build argument spells (ARG and ENV values, heredocs, the
// command, user, paths, ...) replaced by "sha256:<hex>" of it, so that no
// file of the store holds a build argument's value. "parent", "file ..."
// and "...-digest" inputs are digests already and are kept. Sealing twice
// changes the values again: seal raw inputs only.
std::vector<StepInput> SealInputs(std::vector<StepInput> inputs);

// One line per input that differs between the last build of a step
// (`before`) and now, both sealed, in the order of `now` (removed ones
// last), at most `limit` lines then "... and N more":
//   ARG VERSION: changed
//   file src/a.c: content changed
//   file run.sh: mode 100644 -> 100755
//   file new.txt: added            file old.txt: removed
//   parent: <parent_note>
//   ENV X: added                   user: removed
// File values are "<octal mode> <content digest>"; other values are sealed,
// so they are never printed.
std::vector<std::string> DiffInputs(const std::vector<StepInput>& before,
                                    const std::vector<StepInput>& now,
                                    const std::string& parent_note,
                                    size_t limit = 10);

}  // namespace mybuild::planner
