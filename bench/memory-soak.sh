#!/usr/bin/env bash
# Resident memory of the lab window while it trains two models, sampled every 15 s.
#
#   bench/memory-soak.sh [MINUTES] [JAR]      (default 30 minutes, app/target/seqlab.jar)
#
# Starts the app as the README's run command does (same JVM options), under a private Xvfb at 1280x720,
# training an RNN and an LSTM on the embedded Reber grammar with the hidden-state view open. Prints one line
# per sample (seconds, RSS in MB) and a summary: the RSS after the first minute, and the lowest and highest
# RSS after it as a percentage of that value. Needs xvfb (apt-get install xvfb libgtk-3-0).
set -euo pipefail
minutes=${1:-30}
jar=${2:-app/target/seqlab.jar}
# the JVM options of the README's run command and of the installer's launcher (kept in one place: app/jvm.options)
opts=$(grep -v '^#' "$(dirname "$0")/../app/jvm.options" | tr '\n' ' ')
d=95
while [ -e /tmp/.X$d-lock ] || [ -e /tmp/.X11-unix/X$d ]; do d=$((d + 1)); done
Xvfb :$d -screen 0 1280x720x24 -nolisten tcp >/dev/null 2>&1 &
xpid=$!
trap 'kill $apid $xpid 2>/dev/null || true' EXIT
sleep 1
# shellcheck disable=SC2086
DISPLAY=:$d java $opts -jar "$jar" --data synthetic:reber --models rnn,lstm --train 100000000 --view hidden >/tmp/memory-soak-app.log 2>&1 &
apid=$!
end=$((SECONDS + minutes * 60))
first=""
lo=""
hi=""
while [ $SECONDS -lt $end ]; do
  sleep 15
  kill -0 $apid 2>/dev/null || { echo "the app ended early; see /tmp/memory-soak-app.log" >&2; exit 1; }
  rss=$(( $(awk '/VmRSS/ {print $2}' /proc/$apid/status) / 1024 ))
  echo "$SECONDS s  $rss MB"
  if [ $SECONDS -ge 60 ]; then
    if [ -z "$first" ]; then first=$rss; lo=$rss; hi=$rss; fi
    [ "$rss" -lt "$lo" ] && lo=$rss
    [ "$rss" -gt "$hi" ] && hi=$rss
  fi
done
awk -v f="$first" -v lo="$lo" -v hi="$hi" -v m="$minutes" 'BEGIN {
  printf "after the first minute: %d MB; over %d minutes: lowest %d MB (%+.1f %%), highest %d MB (%+.1f %%)\n",
    f, m, lo, 100 * (lo - f) / f, hi, 100 * (hi - f) / f }'
