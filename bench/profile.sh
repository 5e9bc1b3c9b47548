#!/usr/bin/env bash
# Where a training step's time goes, per operation: runs the benchmark for one family under Java Flight Recorder and
# sums the samples (Java and native) by the SeqLab method that made them and by the operation at the top of the stack.
#   bench/profile.sh transformer        (families: rnn lstm gru transformer conv1d pixelcnn gated-pixelcnn)
# Needs the benchmark jar: mvn -q -Pbench -DskipTests package
set -euo pipefail
family="${1:?family: rnn lstm gru seq2seq-gru seq2seq-attention seq2seq-transformer transformer conv1d pixelcnn gated-pixelcnn}"
here="$(cd "$(dirname "$0")" && pwd)"
out="$(mktemp -d)"
java -XX:StartFlightRecording=filename="$out/step.jfr",settings=profile \
     -jar "$here/target/seqlab-bench.jar" --only "$family" --no-peer --no-dl4j --no-generation \
     --rounds 1 --steps 60 --image-steps 20 >/dev/null 2>&1
jfr print --json --stack-depth 64 --events jdk.ExecutionSample,jdk.NativeMethodSample "$out/step.jfr" > "$out/samples.json"
python3 "$here/profile_summary.py" "$out/samples.json"
rm -rf "$out"
