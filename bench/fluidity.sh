#!/usr/bin/env bash
# How the window feels, measured as a user meets it: SeqLab opened plainly (its two default models train by
# themselves) on a private 1280×720 X server, with the in-app probe (-Dseqlab.probe, see FluidityProbe) writing
# the time to the window's first layout and to the first trained step, the frame times on the FX thread while both
# models train, and the time each switch of view group takes. Prints one JSON line per run.
#
#   bench/fluidity.sh [RUNS] [SECONDS] [WARMUP]      (after mvn -q -DskipTests package)
#
# WARMUP seconds of training pass before frames count (0 by default: the first minute as a user meets it, with the
# JIT compiler busy on the second core; 20 to measure the steady state).
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
runs=${1:-3}
seconds=${2:-30}
warmup=${3:-0}
command -v xvfb-run >/dev/null || { echo "needs xvfb-run (apt-get install xvfb)" >&2; exit 1; }
for i in $(seq "$runs"); do
  out=$(mktemp --suffix=.json)
  # a fresh home each run: no remembered window state or lesson progress, as on a first start
  home=$(mktemp -d)
  # shellcheck disable=SC2046
  HOME=$home xvfb-run -a -s "-screen 0 1280x720x24" java $(grep -v '^#' "$here/app/jvm.options" | tr '\n' ' ') \
    -Dseqlab.probe="$out" -Dseqlab.probe.seconds="$seconds" -Dseqlab.probe.warmup="$warmup" -jar "$here/app/target/seqlab.jar" >/dev/null 2>&1 || true
  cat "$out"
  rm -rf "$out" "$home"
done
