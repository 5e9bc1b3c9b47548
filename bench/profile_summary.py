"""Sums JFR samples of a benchmark run by operation: prints where a training step's time goes.

Each sample is charged to (1) the innermost SeqLab method on its stack, the layer code that asked for the work, and
(2) its leaf: the native call (a BLAS GEMM, an ND4J op) or the Java method that was running; and (3) the copies
between ND4J's buffers and Java arrays (HostArray) to the layer method that asked for them.
Samples taken before the first SeqLab training step (start-up, data loading) are left out.
"""
import collections
import json
import sys


def frames(event):
    return [f["method"]["type"]["name"].replace("/", ".").split(".")[-1] + "." + f["method"]["name"]
            for f in event["values"]["stackTrace"]["frames"]]


def qualified(event):
    return [f["method"]["type"]["name"].replace("/", ".") for f in event["values"]["stackTrace"]["frames"]]


def main(path):
    events = json.load(open(path))["recording"]["events"]
    owner, leaf, copier = collections.Counter(), collections.Counter(), collections.Counter()
    total = 0
    for e in events:
        if not e["values"].get("stackTrace"):
            continue
        names, types = frames(e), qualified(e)
        seq = [n for n, t in zip(names, types) if t.startswith("org.seqlab.engine")]
        if not seq or not any(t.startswith("org.seqlab.bench") for t in types):
            continue
        total += 1
        owner[seq[0]] += 1
        leaf[names[0]] += 1
        if seq[0].startswith("HostArray."):
            asker = next((n for n in seq if not n.startswith("HostArray.")), "?")
            copier[asker] += 1
    print(f"{total} samples in training steps")
    for title, counter in (("by SeqLab method (innermost)", owner), ("by leaf (native call or Java method)", leaf),
                           ("copies between ND4J and Java, by the method that asked", copier)):
        print(f"\n{title}:")
        for name, n in counter.most_common(15):
            print(f"  {100 * n / total:5.1f}%  {name}")


if __name__ == "__main__":
    main(sys.argv[1])
