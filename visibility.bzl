"""The one-way order of mybuild's stages, enforced through Bazel visibility.

A folder's targets are visible only to itself and to the stages after it in
STAGES (plus tests, benchmarks and tools), so a back edge fails to build.
"""

STAGES = [
    "base",
    "oci",
    "frontend",
    "lint",
    "planner",
    "cache",
    "executor",
    "export",
    "registry",
    "remote_cache",
    "rootless",
    "cli",
]

_ALWAYS = ["//bench:__subpackages__", "//scripts:__subpackages__", "//testdata:__subpackages__", "//tests:__subpackages__"]

def downstream(stage):
    """Visibility for `stage`: itself and every stage after it."""
    i = STAGES.index(stage)
    return ["//%s:__subpackages__" % s for s in STAGES[i:]] + _ALWAYS
