#!/usr/bin/env python3
"""Draws text from the synthetic source the model trained on, as SeqLab draws it.

The source (source.json) is a finite-state machine: in state s it emits symbol x with probability p(x | s) and moves
to the state next(s, x). SeqLab trains on windows that each start at the start state, so do these.

    python3 generate.py --windows 4 --length 40     four windows of 40 symbols, one per line
"""
import argparse
import json
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))


def load():
    with open(os.path.join(HERE, "source.json")) as f:
        return json.load(f)


def sample(source, length, rng):
    """length symbols from the start state."""
    state, out = source["start"], []
    for _ in range(length):
        r, acc = rng.random(), 0.0
        for symbol, p, nxt in source["states"][state]:
            acc += p
            if r < acc:
                break
        out.append(source["alphabet"][symbol])
        state = nxt
    return "".join(out)


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--windows", type=int, default=1)
    ap.add_argument("--length", type=int, default=65)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    src = load()
    for _ in range(a.windows):
        print(sample(src, a.length, rng))
