#!/usr/bin/env python3
"""Differential test: builds each case with mybuild and with BuildKit and
compares the images file for file (see README.md in this folder).

Modes:
  run.py [CASE...]          both builders; needs root, docker.io, docker-registry
  run.py --write-goldens    as above, and writes goldens/NAME.txt from BuildKit
                            for the cases listed in goldens/CASES
  run.py --golden-check     mybuild only, compares the golden cases with
                            goldens/NAME.txt (the bazel test)
"""

import argparse
import gzip
import hashlib
import io
import json
import os
import re
import shutil
import signal
import socket
import stat
import subprocess
import sys
import tarfile
import tempfile
import time
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
CASES = os.path.join(HERE, "cases")
GOLDENS = os.path.join(HERE, "goldens")
KNOWN = os.path.join(HERE, "known-differences.md")
# Every file of a case's context, and of the base image, gets this mtime
# before the build (unless the case's setup.sh sets another): a time far in
# the past, so an mtime newer than the run's start was made by the build.
CONTEXT_MTIME = 1000000000  # 2001-09-09T01:46:40Z
DOCKER = "/usr/bin/docker"  # docker.io's 20.10 client: it still drives BuildKit itself
CONFIG_KEYS = ["Env", "Cmd", "Entrypoint", "WorkingDir", "User", "Labels",
               "ExposedPorts", "Volumes", "StopSignal", "Healthcheck",
               "OnBuild", "Shell", "ArgsEscaped"]
MAX_SHOWN = 4


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def wait_for(check, seconds, what):
    deadline = time.time() + seconds
    while time.time() < deadline:
        if check():
            return
        time.sleep(0.2)
    raise RuntimeError("timed out waiting for " + what)


# ---------------------------------------------------------------- processes

class Daemons:
    """The registry and dockerd this run started, stopped by PID."""

    def __init__(self, tmp):
        self.tmp = tmp
        self.procs = []

    def spawn(self, argv, logname):
        logf = open(os.path.join(self.tmp, logname), "wb")
        p = subprocess.Popen(argv, stdout=logf, stderr=subprocess.STDOUT,
                             start_new_session=True)
        self.procs.append(p)
        return p

    def stop(self):
        for p in reversed(self.procs):
            if p.poll() is None:
                p.send_signal(signal.SIGTERM)
                try:
                    p.wait(30)
                except subprocess.TimeoutExpired:
                    p.kill()
                    p.wait()
        self.procs = []


def start_registry(d, tmp):
    port = free_port()
    host = "127.0.0.1:%d" % port
    cfg = os.path.join(tmp, "registry.yml")
    with open(cfg, "w") as f:
        f.write("version: 0.1\nstorage:\n  filesystem:\n    rootdirectory: %s/registry\n"
                "http:\n  addr: %s\n  secret: differential\n" % (tmp, host))
    p = d.spawn(["docker-registry", "serve", cfg], "registry.log")

    def up():
        if p.poll() is not None:
            raise RuntimeError("docker-registry exited; see %s/registry.log" % tmp)
        try:
            urllib.request.urlopen("http://%s/v2/" % host, timeout=1)
            return True
        except Exception:
            return False
    wait_for(up, 20, "docker-registry")
    return host


def start_dockerd(d, tmp, registry):
    root = os.path.join(tmp, "docker")
    os.makedirs(root)
    sock = os.path.join(root, "docker.sock")
    p = d.spawn(["dockerd", "--host", "unix://" + sock,
                 "--data-root", root + "/data", "--exec-root", root + "/exec",
                 "--pidfile", root + "/dockerd.pid",
                 "--bridge=none", "--iptables=false", "--ip-masq=false",
                 "--ip6tables=false", "--insecure-registry", registry],
                "dockerd.log")

    def up():
        if p.poll() is not None:
            raise RuntimeError("dockerd exited; see %s/dockerd.log" % tmp)
        return subprocess.run([DOCKER, "-H", "unix://" + sock, "version"],
                              capture_output=True).returncode == 0
    wait_for(up, 60, "dockerd")
    return "unix://" + sock


def run(argv, timeout=300, env=None, cwd=None):
    try:
        r = subprocess.run(argv, capture_output=True, timeout=timeout, env=env, cwd=cwd)
        return r.returncode, (r.stdout + r.stderr).decode(errors="replace")
    except subprocess.TimeoutExpired:
        return -1, "timed out after %ds" % timeout


# ---------------------------------------------------------------- contexts

def set_mtimes(root, when):
    for dirpath, dirnames, filenames in os.walk(root):
        for n in dirnames + filenames:
            os.utime(os.path.join(dirpath, n), (when, when), follow_symlinks=False)
    os.utime(root, (when, when))


def make_base(dir_):
    """A busybox rootfs, as testdata/fixtures/busybox_rootfs.cc makes it, plus
    a user and groups for the --chown cases."""
    rootfs = os.path.join(dir_, "rootfs")
    for d in ["bin", "etc", "proc", "dev", "sys", "tmp", "root", "srv"]:
        os.makedirs(os.path.join(rootfs, d))
    os.chmod(os.path.join(rootfs, "tmp"), 0o1777)
    os.chmod(os.path.join(rootfs, "root"), 0o700)
    shutil.copy("/bin/busybox", os.path.join(rootfs, "bin/busybox"))
    applets = subprocess.run(["/bin/busybox", "--list"], capture_output=True,
                             check=True).stdout.decode().split()
    for a in applets:
        if a != "busybox":
            os.symlink("busybox", os.path.join(rootfs, "bin", a))
    with open(os.path.join(rootfs, "etc/passwd"), "w") as f:
        f.write("root:x:0:0:root:/root:/bin/sh\napp:x:1000:1000:app:/home/app:/bin/sh\n"
                "nobody:x:65534:65534:nobody:/nonexistent:/bin/false\n")
    with open(os.path.join(rootfs, "etc/group"), "w") as f:
        f.write("root:x:0:\nstaff:x:50:app\napp:x:1000:\nnobody:x:65534:\n")
    # Files for the whiteout and existing-destination cases.
    os.makedirs(os.path.join(rootfs, "srv/data/sub"))
    for p in ["srv/data/a.txt", "srv/data/b.txt", "srv/data/sub/c.txt"]:
        with open(os.path.join(rootfs, p), "w") as f:
            f.write(p + "\n")
    os.chown(os.path.join(rootfs, "srv/data"), 1000, 1000)
    set_mtimes(rootfs, CONTEXT_MTIME)
    with open(os.path.join(dir_, "Dockerfile"), "w") as f:
        f.write('FROM scratch\nCOPY rootfs/ /\nCMD ["sh"]\n')


def prepare_context(case, dest):
    src = os.path.join(CASES, case)
    shutil.copytree(src, dest, symlinks=False,
                    ignore=lambda d, names: [n for n in names
                                             if d == src and n in ("setup.sh", "build-args")])
    set_mtimes(dest, CONTEXT_MTIME)
    setup = os.path.join(src, "setup.sh")
    if os.path.exists(setup):
        rc, out = run(["sh", "-e", setup], cwd=dest)
        if rc != 0:
            raise RuntimeError("setup.sh failed: " + out)


def build_args(case, base):
    args = ["--build-arg", "BASE=" + base]
    p = os.path.join(CASES, case, "build-args")
    if os.path.exists(p):
        for line in open(p).read().splitlines():
            if line.strip():
                args += ["--build-arg", line.strip()]
    return args


# ---------------------------------------------------------------- images

ACCEPT = ", ".join([
    "application/vnd.oci.image.manifest.v1+json",
    "application/vnd.docker.distribution.manifest.v2+json"])


def fetch(url, accept=None):
    req = urllib.request.Request(url)
    if accept:
        req.add_header("Accept", accept)
    with urllib.request.urlopen(req, timeout=60) as r:
        return r.read()


def pull(registry, repo, tag):
    """(config dict, [layer tar bytes]) of registry/repo:tag."""
    base = "http://%s/v2/%s" % (registry, repo)
    manifest = json.loads(fetch("%s/manifests/%s" % (base, tag), ACCEPT))
    config = json.loads(fetch("%s/blobs/%s" % (base, manifest["config"]["digest"])))
    layers = []
    for l in manifest["layers"]:
        blob = fetch("%s/blobs/%s" % (base, l["digest"]))
        if blob[:2] == b"\x1f\x8b":
            blob = gzip.decompress(blob)
        layers.append(blob)
    return config, layers


def norm(path):
    path = path.strip("/")
    while path.startswith("./"):
        path = path[2:]
    return "" if path == "." else path


def layer_entries(blob, t0):
    """path -> entry dict of one layer tar."""
    out = {}
    with tarfile.open(fileobj=io.BytesIO(blob), mode="r:") as tf:
        for m in tf:
            path = norm(m.name)
            if path == "":
                continue
            e = {}
            name = os.path.basename(path)
            if name == ".wh..wh..opq":
                e["type"] = "opaque"
            elif name.startswith(".wh."):
                e["type"] = "whiteout"
            else:
                e["type"] = {tarfile.REGTYPE: "file", tarfile.AREGTYPE: "file",
                             tarfile.DIRTYPE: "dir", tarfile.SYMTYPE: "symlink",
                             tarfile.LNKTYPE: "hardlink", tarfile.CHRTYPE: "char",
                             tarfile.BLKTYPE: "block", tarfile.FIFOTYPE: "fifo"
                             }.get(m.type, "type-%r" % m.type)
                e["mode"] = "%04o" % (m.mode & 0o7777)
                e["uid"] = m.uid
                e["gid"] = m.gid
                if e["type"] == "file":
                    data = tf.extractfile(m).read()
                    e["size"] = len(data)
                    e["digest"] = hashlib.sha256(data).hexdigest()[:16]
                elif e["type"] == "symlink":
                    e["link"] = m.linkname
                elif e["type"] == "hardlink":
                    e["link"] = norm(m.linkname)
                elif e["type"] in ("char", "block"):
                    e["dev"] = "%d,%d" % (m.devmajor, m.devminor)
                e["mtime"] = int(m.mtime) if m.mtime <= t0 else "new"
                xattrs = {k[len("SCHILY.xattr."):]: v for k, v in m.pax_headers.items()
                          if k.startswith("SCHILY.xattr.")}
                if xattrs:
                    # Values are bytes (security.capability is binary): shown
                    # as text when printable, else as hex.
                    e["xattrs"] = ",".join("%s=%s" % (k, printable(v))
                                           for k, v in sorted(xattrs.items()))
            out[path] = e
    return out


def printable(value):
    raw = value.encode("utf-8", "surrogateescape")
    text = raw.decode("ascii", "replace")
    if text.isprintable() and " " not in text and "," not in text:
        return text
    return "0x" + raw.hex()


def apply_layer(tree, entries):
    """Applies one layer (overlay/whiteout rules) to the tree in place."""
    def drop_under(prefix, keep_self):
        for p in [p for p in tree if p == prefix or p.startswith(prefix + "/")]:
            if keep_self and p == prefix:
                continue
            del tree[p]
    for path, e in entries.items():
        parent = os.path.dirname(path)
        if e["type"] == "opaque":
            if parent:
                drop_under(parent, True)
            else:
                tree.clear()
        elif e["type"] == "whiteout":
            drop_under(os.path.join(parent, os.path.basename(path)[4:]), False)
    for path, e in entries.items():
        if e["type"] in ("opaque", "whiteout"):
            continue
        if e["type"] != "dir" or tree.get(path, {}).get("type") != "dir":
            drop_under(path, False)
        e = dict(e)
        if e["type"] == "hardlink":
            # A hard link is the file it links to; both are marked with the
            # group's smallest path, whichever of them the tar holds first.
            target = tree.get(e["link"]) or {}
            group = min(path, e["link"], target.get("hl", e["link"]))
            if e["link"] in tree:
                tree[e["link"]] = dict(target, hl=group)
            e = dict(target, hl=group)
        tree[path] = e


def describe(e):
    if e is None:
        return "absent"
    keys = ["type", "mode", "uid", "gid", "size", "digest", "link", "dev", "hl",
            "mtime", "xattrs"]
    return " ".join("%s=%s" % (k, e[k]) for k in keys if k in e)


def tree_lines(tree):
    return ["%s %s" % (p, describe(tree[p])) for p in sorted(tree)]


def summarize(config, layers, base_layers, base_tree, t0):
    """The text image summary both comparisons and goldens use:
    a dict of section -> list of lines."""
    c = config.get("config") or {}
    out = {"config": []}
    for k in CONFIG_KEYS:
        v = c.get(k)
        if v in (None, "", [], {}, False):
            v = None
        out["config"].append("%s=%s" % (k, json.dumps(v, sort_keys=True)))
    # Which keys are written at all (a key whose value is null counts as
    # absent: BuildKit 0.8 writes "OnBuild": null, current BuildKit omits it).
    out["config"].append("keys=%s config_keys=%s" % (
        ",".join(sorted(k for k, v in config.items() if v is not None)),
        ",".join(sorted(k for k, v in c.items() if v is not None))))
    out["config"].append("author=%s" % json.dumps(config.get("author")))
    hist = config.get("history") or []
    out["config"].append("history=%d empty_layer=%s" % (
        len(hist), "".join("e" if h.get("empty_layer") else "L" for h in hist)))
    # Each entry's text and comment (times differ from run to run).
    for i, h in enumerate(hist):
        out["config"].append("history.%d=%s %s" % (
            i, json.dumps(h.get("created_by")), json.dumps(h.get("comment"))))
    added = layers[base_layers:]
    out["config"].append("layers_added=%d" % len(added))
    tree = dict(base_tree)
    for i, blob in enumerate(added):
        entries = layer_entries(blob, t0)
        out["layer%d" % (i + 1)] = ["%s %s" % (p, describe(entries[p])) for p in sorted(entries)]
        apply_layer(tree, entries)
    # The final rootfs, as changes from the base: what was added, changed
    # or removed.
    lines = []
    for p in sorted(set(tree) | set(base_tree)):
        a, b = base_tree.get(p), tree.get(p)
        if a != b:
            lines.append("%s %s" % (p, describe(b)))
    out["rootfs"] = lines
    return out


def render(summary):
    text = []
    for section in sorted(summary, key=lambda s: (s != "config", s != "rootfs", s)):
        text.append("[%s]" % section)
        text.extend(summary[section])
    return "\n".join(text) + "\n"


def parse_rendered(text):
    out, section = {}, None
    for line in text.splitlines():
        if line.startswith("[") and line.endswith("]"):
            section = line[1:-1]
            out[section] = []
        elif section is not None:
            out[section].append(line)
    return out


def differences(mine, theirs):
    """Human lines naming how mybuild's summary differs from BuildKit's."""
    diffs = []
    for section in sorted(set(mine) | set(theirs),
                          key=lambda s: (s != "config", s != "rootfs", s)):
        a = {l.split(" ", 1)[0] if section != "config" else l.split("=", 1)[0]: l
             for l in mine.get(section, [])}
        b = {l.split(" ", 1)[0] if section != "config" else l.split("=", 1)[0]: l
             for l in theirs.get(section, [])}
        if section not in mine or section not in theirs:
            diffs.append("%s: only in %s" % (section, "mybuild" if section in mine else "buildkit"))
            continue
        for k in sorted(set(a) | set(b)):
            if a.get(k) != b.get(k):
                diffs.append("%s: %s: mybuild %s | buildkit %s" % (
                    section, k, strip_key(a.get(k), k), strip_key(b.get(k), k)))
    return diffs


def strip_key(line, key):
    if line is None:
        return "absent"
    return line[len(key) + 1:] if line.startswith(key) else line


def read_known():
    """case -> [key], from the `- \`case\` \`key\`` lines of known-differences.md;
    case `*` is every case. A difference line holding a key is known."""
    known = {}
    if os.path.exists(KNOWN):
        for line in open(KNOWN).read().splitlines():
            m = re.match(r"^- `([^`]+)` `([^`]+)`", line)
            if m:
                known.setdefault(m.group(1), []).append(m.group(2))
    return known


def case_names(selected):
    names = sorted(n for n in os.listdir(CASES)
                   if os.path.exists(os.path.join(CASES, n, "Dockerfile")))
    if selected:
        missing = set(selected) - set(names)
        if missing:
            raise SystemExit("no such case: " + ", ".join(sorted(missing)))
        names = [n for n in names if n in selected]
    return names


def golden_cases():
    return [l.strip() for l in open(os.path.join(GOLDENS, "CASES")).read().splitlines()
            if l.strip() and not l.startswith("#")]


# ---------------------------------------------------------------- main

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("cases", nargs="*")
    ap.add_argument("--mybuild", default=os.path.join(HERE, "../../bazel-bin/cli/mybuild"))
    ap.add_argument("--golden-check", action="store_true")
    ap.add_argument("--write-goldens", action="store_true")
    ap.add_argument("--show", action="store_true",
                    help="mybuild only: print the summary of each case")
    ap.add_argument("--save", metavar="DIR",
                    help="write both builders' summaries to DIR/{mybuild,buildkit}/NAME.txt")
    ap.add_argument("--from-saved", metavar="DIR",
                    help="judge the summaries a --save run wrote, building nothing")
    ap.add_argument("--keep", action="store_true", help="keep the temp dir")
    ap.add_argument("--verbose", action="store_true", help="print every difference")
    opts = ap.parse_args()
    mybuild = os.path.abspath(opts.mybuild)
    if not opts.from_saved and not os.access(mybuild, os.X_OK):
        raise SystemExit("%s is missing: bazel build -c opt //cli:mybuild" % mybuild)

    tmp = tempfile.mkdtemp(prefix="differential.")
    daemons = Daemons(tmp)

    def on_signal(sig, frame):
        daemons.stop()
        raise SystemExit(130)
    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    t0 = int(time.time()) - 1
    try:
        return session(opts, mybuild, tmp, daemons, t0)
    finally:
        daemons.stop()
        if not opts.keep:
            shutil.rmtree(tmp, ignore_errors=True)
        else:
            log("kept " + tmp)


def session(opts, mybuild, tmp, daemons, t0):
    names = golden_cases() if opts.golden_check and not opts.cases else case_names(opts.cases)
    known = read_known()
    counts = {"agree": 0, "differ": 0, "known": 0, "error": 0}
    if opts.from_saved:
        for name in names:
            judge(name, load(opts.from_saved, "mybuild", name),
                  load(opts.from_saved, "buildkit", name), opts, known, counts)
        return finish(counts)
    registry = start_registry(daemons, tmp)
    mybuild_only = opts.golden_check or opts.show
    docker = None if mybuild_only else start_dockerd(daemons, tmp, registry)
    state = os.path.join(tmp, "mybuild-state")

    def mybuild_build(ctx, tag, args):
        return run([mybuild, "build", "--root", state, "-t", tag, "--push",
                    "--progress", "plain", "--network", "none"] + args + [ctx])

    make_base(os.path.join(tmp, "base"))
    base = registry + "/busybox:1"
    rc, out = mybuild_build(os.path.join(tmp, "base"), base, [])
    if rc != 0:
        raise SystemExit("building the base failed:\n" + out)
    base_config, base_layers = pull(registry, "busybox", "1")
    base_tree = {}
    for blob in base_layers:
        apply_layer(base_tree, layer_entries(blob, t0))

    def image(repo):
        return render(summarize(*pull(registry, repo, "1"), len(base_layers), base_tree, t0))

    for name in names:
        ctx = os.path.join(tmp, "ctx", name)
        try:
            prepare_context(name, ctx)
        except Exception as e:
            print("error %s: %s" % (name, e), flush=True)
            counts["error"] += 1
            continue
        args = build_args(name, base)
        rc, out = mybuild_build(ctx, "%s/m/%s:1" % (registry, name), args)
        mine = image("m/" + name) if rc == 0 else failed(out)
        if opts.show:
            print("== %s\n%s" % (name, mine), flush=True)
            continue
        if opts.golden_check:
            theirs = open(os.path.join(GOLDENS, name + ".txt")).read()
        else:
            env = dict(os.environ, DOCKER_BUILDKIT="1")
            tag = "%s/b/%s:1" % (registry, name)
            brc, bout = run([DOCKER, "-H", docker, "build", "-q", "--network", "none",
                             "-t", tag] + args + [ctx], env=env)
            if brc == 0:
                brc, bout = run([DOCKER, "-H", docker, "push", tag])
            theirs = image("b/" + name) if brc == 0 else failed(bout)
        if opts.save:
            for who, text in (("mybuild", mine), ("buildkit", theirs)):
                os.makedirs(os.path.join(opts.save, who), exist_ok=True)
                with open(os.path.join(opts.save, who, name + ".txt"), "w") as f:
                    f.write(text)
        if opts.write_goldens and name in golden_cases() and not theirs.startswith("FAILED"):
            with open(os.path.join(GOLDENS, name + ".txt"), "w") as f:
                f.write(theirs)
        judge(name, mine, theirs, opts, known, counts)
    return finish(counts)


def failed(output):
    """The summary text of a build that failed: its last lines."""
    return "FAILED " + " / ".join(output.strip().splitlines()[-3:]) + "\n"


def load(dir_, who, name):
    with open(os.path.join(dir_, who, name + ".txt")) as f:
        return f.read()


def judge(name, mine, theirs, opts, known, counts):
    """Prints the verdict on one case from both rendered summaries."""
    if mine.startswith("FAILED") and theirs.startswith("FAILED"):
        print("agree %s: both fail" % name, flush=True)
        counts["agree"] += 1
        return
    if mine.startswith("FAILED") or theirs.startswith("FAILED"):
        who, text = ("mybuild", mine) if mine.startswith("FAILED") else ("buildkit", theirs)
        report(name, ["%s failed: %s" % (who, text[len("FAILED "):].strip())], known,
               counts, opts.verbose)
        return
    report(name, differences(parse_rendered(mine), parse_rendered(theirs)), known, counts,
           opts.verbose)


def finish(counts):
    print("%d agree, %d differ" % (counts["agree"], counts["differ"])
          + (", %d known" % counts["known"] if counts["known"] else "")
          + (", %d error" % counts["error"] if counts["error"] else ""), flush=True)
    return 0 if counts["differ"] == 0 and counts["error"] == 0 else 1


def report(name, diffs, known, counts, verbose):
    if not diffs:
        print("agree " + name, flush=True)
        counts["agree"] += 1
        return
    keys = known.get(name, []) + known.get("*", [])
    matched = sorted({k for k in keys for d in diffs if k in d})
    diffs = [d for d in diffs if not any(k in d for k in keys)]
    if not diffs:
        print("known %s: %s" % (name, "; ".join(matched)), flush=True)
        counts["known"] += 1
        return
    shown = diffs if verbose else diffs[:MAX_SHOWN]
    more = "" if len(shown) == len(diffs) else "; (+%d more)" % (len(diffs) - len(shown))
    also = " (and known: %s)" % "; ".join(matched) if matched else ""
    print("differ %s: %s%s%s" % (name, "; ".join(shown), more, also), flush=True)
    counts["differ"] += 1


if __name__ == "__main__":
    sys.exit(main())
