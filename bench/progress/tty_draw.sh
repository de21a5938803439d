#!/bin/sh
# What drawing the live view costs: a build of 30 RUN steps (each prints a
# line and sleeps 0.1 s, so the view redraws its clocks while they run),
# --no-cache, alternately with --progress=tty inside tmux (100x30, a real
# pseudo-terminal) and --progress=quiet on the same root, ROUNDS times.
# Prints one line per run (mode, wall s, CPU s of mybuild and its RUNs) and
# the medians. Run by hand as root; MYBUILD is the binary (build it -c opt);
# MYBUILD_BEFORE, when set, is another one whose tty view runs in the same
# rounds ("before").
#   MYBUILD=bazel-bin/cli/mybuild bench/progress/tty_draw.sh [ROUNDS]
set -eu
rounds=${1:-5}
bin=$(realpath "${MYBUILD:?set MYBUILD to the mybuild binary}")
before=${MYBUILD_BEFORE:+$(realpath "$MYBUILD_BEFORE")}
tmp=$(mktemp -d /tmp/tty-draw.XXXXXX)
sock=$tmp/tmux.sock
trap 'tmux -S "$sock" kill-server 2>/dev/null || true; rm -rf "$tmp"' EXIT
mkdir "$tmp/ctx"
cp /bin/busybox "$tmp/ctx/busybox"
{
  echo "FROM scratch"
  echo "COPY busybox /bin/busybox"
  i=1
  while [ $i -le 30 ]; do
    echo "RUN [\"/bin/busybox\", \"sh\", \"-c\", \"echo step $i; /bin/busybox sleep 0.1\"]"
    i=$((i + 1))
  done
} > "$tmp/ctx/Dockerfile"

build() {  # MODE OUT [BINARY]: one build, its "wall cpu" in OUT
  cmd="/usr/bin/time -f '%e %U %S' -o $2 ${3:-$bin} build --progress $1 --no-cache --lint off --root $tmp/root $tmp/ctx"
  if [ "$1" = tty ]; then
    rm -f "$tmp/done"
    tmux -S "$sock" new-session -d -s draw -x 100 -y 30 \
      "TERM=xterm $cmd > /dev/null; touch $tmp/done; sleep 600"
    while [ ! -e "$tmp/done" ]; do sleep 0.2; done
    tmux -S "$sock" capture-pane -p -t draw > "$tmp/screen"
    tmux -S "$sock" kill-session -t draw
    # The final frame is drawn whole (33 lines: its header scrolls off).
    grep -q "^Built in .*: 31 steps run" "$tmp/screen" || { cat "$tmp/screen"; echo "no final frame" >&2; exit 1; }
  else
    sh -c "$cmd > /dev/null"
  fi
}

build quiet "$tmp/warm"  # the COPY's blob and the root's first use
for r in $(seq "$rounds"); do
  for mode in tty quiet ${before:+before}; do
    if [ $mode = before ]; then build tty "$tmp/t" "$before"; else build $mode "$tmp/t"; fi
    read -r wall user sys < "$tmp/t"
    echo "$mode $wall $(echo "$user + $sys" | bc)" | tee -a "$tmp/all"
  done
done
for mode in tty quiet ${before:+before}; do
  for col in 2 3; do
    grep "^$mode " "$tmp/all" | awk -v c=$col '{print $c}' | sort -n |
      awk -v m=$mode -v c=$col '{a[NR]=$1} END {printf "%s median %s %.2f s\n", m, (c==2?"wall":"cpu"), a[int((NR+1)/2)]}'
  done
done
echo "load: $(uptime)"
