#!/usr/bin/env bash
# The suite on a busy machine: a fresh clone of this repository's HEAD, both cores kept busy by two `yes` processes,
# and the README's test command run N times in a row (default 5). Prints each run's result and wall time, and exits
# non-zero if any run failed. Each run's log is kept in the clone's folder.
#   bench/busy-suite.sh [N]        (extra Maven flags in MVN_FLAGS, e.g. MVN_FLAGS=-o for offline)
set -uo pipefail
runs=${1:-5}
here=$(cd "$(dirname "$0")/.." && pwd)
clone=$(mktemp -d /tmp/seqlab-busy.XXXXXX)
git clone -q "$here" "$clone"
yes > /dev/null & y1=$!
yes > /dev/null & y2=$!
trap 'kill $y1 $y2 2>/dev/null' EXIT
failed=0
for i in $(seq 1 "$runs"); do
  start=$(date +%s)
  if (cd "$clone" && mvn -B ${MVN_FLAGS:-} verify > "$clone/run-$i.log" 2>&1); then result=passed; else result=FAILED; failed=1; fi
  tests=$(grep -E "^\[(INFO|ERROR|WARNING)\] Tests run: [0-9]+, Failures" "$clone/run-$i.log" | grep -v " -- in " | awk -F'[ ,]+' '{s+=$4} END {print s}')
  echo "run $i: $result, $tests tests, $(( $(date +%s) - start )) s, load average $(cut -d' ' -f1 /proc/loadavg) (log: $clone/run-$i.log)"
done
exit $failed
