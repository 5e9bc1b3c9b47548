#!/usr/bin/env python3
"""Scores, trains on and samples from the model SeqLab wrote here, in plain PyTorch.

    python3 run.py --score FILE        one JSON line: {"bits_per_symbol": ..., "symbols": ...}, scored as `seqlab score` does
    python3 run.py --train N           N more training steps on data.txt from Adam's saved state; prints the loss of each
    python3 run.py --sample N          N symbols after --prompt (default: the first of the vocabulary)

Needs only PyTorch (Debian's python3-torch will do); reads the .safetensors files with the `safetensors` package when it
is there, and otherwise with the short reader below.
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
from model import build  # noqa: E402
import run_common  # noqa: E402
from run_common import SeqLabAdam, metadata, save_tensors  # noqa: E402


def load():
    # what the file does not hold is what SeqLab computes rather than stores (the sinusoidal table, masks, RoPE's angles)
    return run_common.load(HERE, build, lambda k: k in ("table", "m1", "m2") or k.endswith((".slopes", ".theta", ".mask")))


def encode(vocab, text):
    """Token ids: one per character, then for byte-pair tokens (merges.json) every merge applied in the order it was
    learned, each replacing the pairs it joins left to right, as SeqLab's Bpe.encode does."""
    merges_file = os.path.join(HERE, "merges.json")
    if os.path.exists(merges_file):
        with open(merges_file) as f:
            m = json.load(f)
        chars = {s: i for i, s in enumerate(vocab[: m["alphabet"]])}
        unknown = sorted({c for c in text if c not in chars})
        if unknown:
            raise SystemExit(f"the text holds symbols the model does not know: {''.join(unknown)!r}")
        seq = [chars[c] for c in text]
        for k, (a, b) in enumerate(m["merges"]):
            out, i = [], 0
            while i < len(seq):
                if i + 1 < len(seq) and seq[i] == a and seq[i + 1] == b:
                    out.append(m["alphabet"] + k)
                    i += 2
                else:
                    out.append(seq[i])
                    i += 1
            seq = out
        return seq
    index = {s: i for i, s in enumerate(vocab)}
    unknown = sorted({c for c in text if c not in index})
    if unknown:
        raise SystemExit(f"the text holds symbols the model does not know: {''.join(unknown)!r}")
    return [index[c] for c in text]


def log2_probs(model, ids):
    """log2 p(x_{t+1} | x_{<=t}) for every t, read as `seqlab score` reads: a recurrent model in one pass; a
    Transformer with a sliding window of its context moved by half of it, a causal convolution with windows that
    overlap by its receptive field (each later window scores only the positions the previous one did not reach)."""
    if getattr(model, "image", False):
        # an image model gives every pixel its own Bernoulli, the first one's too: one pass over the whole image
        with torch.no_grad():
            lp = F.log_softmax(model(torch.tensor([ids]))[0][0].double(), dim=-1)
        return [lp[t, ids[t]].item() / math.log(2) for t in range(len(ids))]
    n = len(ids) - 1
    window = model.window or n
    stride = getattr(model, "stride", None) or max(1, window // 2)
    bits = [0.0] * n
    scored, start = 0, 0
    with torch.no_grad():
        while scored < n:
            s = min(start, max(0, n - window)) if n > window else 0
            length = min(window, n)
            x = torch.tensor([ids[s:s + length + 1]])
            logits, _ = model(x[:, :-1])
            lp = F.log_softmax(logits[0].double(), dim=-1)
            for t in range(max(0, scored - s), length):
                bits[s + t] = lp[t, ids[s + t + 1]].item() / math.log(2)
            scored = s + length
            start += stride
    return bits


def train_step(model, adam, x, y):
    """One step on inputs x and targets y (B, T): the mean cross-entropy in nats, as SeqLab's loss."""
    model.zero_grad()
    logits, _ = model(x)
    loss = F.cross_entropy(logits.reshape(-1, logits.size(-1)), y.reshape(-1))
    loss.backward()
    adam.step()
    return loss.item()


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--score", metavar="FILE", help="a UTF-8 text to score")
    ap.add_argument("--train", type=int, metavar="N", help="training steps to take on --data")
    ap.add_argument("--data", default=os.path.join(HERE, "data.txt"), help="the text to train on (default: data.txt)")
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--seq", type=int, default=64, help="symbols per training window")
    ap.add_argument("--step-on", metavar="FILE", help="one training step on the inputs and targets of this JSON batch")
    ap.add_argument("--save", metavar="FILE", help="after training, write the weights here (a .safetensors file)")
    ap.add_argument("--sample", type=int, metavar="N", help="symbols to generate")
    ap.add_argument("--prompt", default=None)
    ap.add_argument("--temperature", type=float, default=1.0)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    config, vocab, model = load()
    torch.manual_seed(a.seed)
    if a.score:
        with open(a.score, encoding="utf-8") as f:
            ids = encode(vocab, f.read())
        bits = log2_probs(model, ids)
        print(json.dumps({"bits_per_symbol": -sum(bits) / len(bits), "symbols": len(bits)}))
    if a.train or a.step_on:
        adam = SeqLabAdam(model, config["optimizer"], HERE)
        if a.step_on:
            with open(a.step_on) as f:
                batch = json.load(f)
            loss = train_step(model, adam, torch.tensor(batch["inputs"]), torch.tensor(batch["targets"]))
            print(json.dumps({"step": adam.steps, "loss": loss}))
        else:
            with open(a.data, encoding="utf-8") as f:
                ids = torch.tensor(encode(vocab, f.read()))
            fresh = None
            if os.path.exists(os.path.join(HERE, "source.json")) and a.data == os.path.join(HERE, "data.txt"):
                # a synthetic source: windows drawn afresh from its machine, each from the start state, as SeqLab trains
                import generate
                fresh = (generate.load(), random.Random(a.seed))
            image = getattr(model, "image", False)
            pixels = config.get("height", 0) * config.get("width", 0)
            seq = pixels if image else min(a.seq, model.window or a.seq, len(ids) - 1)
            for _ in range(a.train):
                if image:   # whole images: inputs and targets are the same pixels (the masks hide each from itself)
                    starts = torch.randint(0, len(ids) // pixels, (a.batch,)) * pixels
                    x = y = torch.stack([ids[s:s + pixels] for s in starts])
                elif fresh:
                    w = torch.tensor([encode(vocab, generate.sample(fresh[0], seq + 1, fresh[1])) for _ in range(a.batch)])
                    x, y = w[:, :-1], w[:, 1:]
                else:
                    starts = torch.randint(0, len(ids) - seq, (a.batch,))
                    x = torch.stack([ids[s:s + seq] for s in starts])
                    y = torch.stack([ids[s + 1:s + seq + 1] for s in starts])
                loss = train_step(model, adam, x, y)
                print(json.dumps({"step": adam.steps, "loss_bits": loss / math.log(2)}))
        if a.save:
            # a checkpoint SeqLab opens again (File → Open model, score --load): the tensors and what they cannot say
            save_tensors(a.save, {k: v for k, v in model.state_dict().items() if k not in ("table", "m1", "m2")
                                  and not k.endswith((".slopes", ".theta", ".mask"))}, metadata(config, vocab))
    if a.sample and getattr(model, "image", False):
        # pixel by pixel: each drawn from the model given the ones before it (the masks make the rest irrelevant)
        pixels = config["height"] * config["width"]
        ids = encode(vocab, a.prompt or "")[:pixels] + [0] * pixels
        ids = ids[:pixels]
        with torch.no_grad():
            for t in range(len(encode(vocab, a.prompt or "")), pixels):
                p = F.softmax(model(torch.tensor([ids]))[0][0, t] / a.temperature, dim=-1)
                ids[t] = torch.multinomial(p, 1).item()
        w = config["width"]
        print("\n".join("".join("#" if i else "." for i in ids[r:r + w]) for r in range(0, pixels, w)))
    elif a.sample:
        ids = encode(vocab, a.prompt if a.prompt else vocab[0])
        with torch.no_grad():
            for _ in range(a.sample):
                x = torch.tensor([ids[-model.window:] if model.window else ids])
                logits, _ = model(x)
                p = F.softmax(logits[0, -1] / a.temperature, dim=-1)
                ids.append(torch.multinomial(p, 1).item())
        print("".join(vocab[i] for i in ids))


if __name__ == "__main__":
    main()
