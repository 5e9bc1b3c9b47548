#!/usr/bin/env python3
"""Scores, trains on and translates with the encoder-decoder SeqLab wrote here, in plain PyTorch.

    python3 run.py --score FILE      one JSON line {"bits_per_symbol": ..., "symbols": ...}: FILE holds "source<TAB>target"
                                     lines, scored as `seqlab score --text SOURCE --target TARGET` does (</s> counted)
    python3 run.py --train N         N more steps on data.tsv, batches of sources of one length; prints the loss of each
    python3 run.py --translate TEXT  greedy decoding until </s>

Needs only PyTorch; reads the .safetensors files with the `safetensors` package when it is there, else with its own reader.
"""
import argparse
import json
import math
import os
import random
import sys

import torch
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from model import BOS, EOS, build  # noqa: E402
import run_common  # noqa: E402
from run_common import SeqLabAdam, save_tensors  # noqa: E402


def load():
    # what the file does not hold is what SeqLab computes rather than stores (the Transformer's sinusoidal table)
    return run_common.load(HERE, build, lambda k: k == "table")


def encode(vocab, text):
    index = {s: i for i, s in enumerate(vocab) if i > EOS}
    unknown = sorted({c for c in text if c not in index})
    if unknown:
        raise SystemExit(f"the text holds symbols the model does not know: {''.join(unknown)!r}")
    return [index[c] for c in text]


def batch(vocab, pairs):
    """Sources of one length, targets padded after </s> (ignored by the loss)."""
    src = torch.tensor([encode(vocab, s) for s, _ in pairs])
    ys = [encode(vocab, t) for _, t in pairs]
    tt = max(len(y) for y in ys) + 1
    tin = torch.zeros(len(pairs), tt, dtype=torch.long)
    tout = torch.full((len(pairs), tt), -1, dtype=torch.long)
    for i, y in enumerate(ys):
        tin[i, 0] = BOS
        tin[i, 1:len(y) + 1] = torch.tensor(y, dtype=torch.long)
        tout[i, :len(y)] = torch.tensor(y, dtype=torch.long)
        tout[i, len(y)] = EOS
    return src, tin, tout


def train_step(model, adam, src, tin, tout):
    model.zero_grad()
    logits = model(src, tin)
    loss = F.cross_entropy(logits.reshape(-1, logits.size(-1)), tout.reshape(-1), ignore_index=-1)
    loss.backward()
    adam.step()
    return loss.item()


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--score", metavar="FILE")
    ap.add_argument("--train", type=int, metavar="N")
    ap.add_argument("--data", default=os.path.join(HERE, "data.tsv"))
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--step-on", metavar="FILE", help="one step on the source/target_in/targets of this JSON batch")
    ap.add_argument("--save", metavar="FILE")
    ap.add_argument("--translate", metavar="TEXT")
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    config, vocab, model = load()
    torch.manual_seed(a.seed)
    random.seed(a.seed)
    if a.score:
        total, count = 0.0, 0
        with open(a.score, encoding="utf-8") as f:
            for line in f.read().splitlines():
                if not line:
                    continue
                src, tin, tout = batch(vocab, [line.split("\t")])
                with torch.no_grad():
                    lp = F.log_softmax(model(src, tin)[0].double(), dim=-1)
                for t in range(tout.shape[1]):
                    total -= lp[t, tout[0, t]].item() / math.log(2)
                    count += 1
        print(json.dumps({"bits_per_symbol": total / count, "symbols": count}))
    if a.train or a.step_on:
        adam = SeqLabAdam(model, config["optimizer"], HERE)
        if a.step_on:
            with open(a.step_on) as f:
                b = json.load(f)
            loss = train_step(model, adam, torch.tensor(b["source"]), torch.tensor(b["target_in"]), torch.tensor(b["targets"]))
            print(json.dumps({"step": adam.steps, "loss": loss}))
        else:
            with open(a.data, encoding="utf-8") as f:
                pairs = [line.split("\t") for line in f.read().splitlines() if line]
            by_length = {}
            for p in pairs:
                by_length.setdefault(len(p[0]), []).append(p)
            for _ in range(a.train):
                group = by_length[len(random.choice(pairs)[0])]
                loss = train_step(model, adam, *batch(vocab, random.sample(group, min(a.batch, len(group)))))
                print(json.dumps({"step": adam.steps, "loss_bits": loss / math.log(2)}))
        if a.save:
            save_tensors(a.save, model.state_dict())
    if a.translate:
        with torch.no_grad():
            states, state = model.encode(torch.tensor([encode(vocab, a.translate)]))
            y, out = BOS, []
            for _ in range(4 * len(a.translate) + 8):
                logits, state = model.decode(states, state, torch.tensor([[y]]))
                y = int(logits[0, -1, EOS:].argmax()) + EOS           # never padding or <s>
                if y == EOS:
                    break
                out.append(vocab[y])
        print("".join(out))


if __name__ == "__main__":
    main()
