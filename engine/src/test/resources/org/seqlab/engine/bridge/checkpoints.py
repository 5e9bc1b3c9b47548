#!/usr/bin/env python3
"""Writes PyTorch checkpoints in the two conventions SeqLab imports, and PyTorch's own score of a text under each.

    python3 checkpoints.py OUT_DIR

For every variant, OUT_DIR/<name>.safetensors (a state_dict, with __metadata__ vocab, n_head, activation) and one line
of OUT_DIR/expected.jsonl: {"name", "bits_per_symbol", "text"}. The models are makemore's recurrent char model and a
nanoGPT-style GPT, with random weights (nothing is trained: the point is that both programs compute the same numbers).
"""
import json
import math
import os
import struct
import sys

import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(7)
torch.set_num_threads(1)
VOCAB = list("abcdefgh |")
TEXT = "abc def|hag bed|fad ace|bad cab|head face|"


def save(path, tensors, metadata):
    header, offset, blobs = {"__metadata__": metadata}, 0, []
    for name, t in tensors.items():
        raw = t.detach().contiguous().float().numpy().astype("<f4").tobytes()
        header[name] = {"dtype": "F32", "shape": list(t.shape), "data_offsets": [offset, offset + len(raw)]}
        offset += len(raw)
        blobs.append(raw)
    h = json.dumps(header).encode()
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(h)) + h + b"".join(blobs))


class Recurrent(nn.Module):
    def __init__(self, kind, layers, names):
        super().__init__()
        emb, rnn, out = names
        setattr(self, emb, nn.Embedding(len(VOCAB), 6))
        setattr(self, rnn, {"rnn": nn.RNN, "gru": nn.GRU, "lstm": nn.LSTM}[kind](6, 12, num_layers=layers, batch_first=True))
        setattr(self, out, nn.Linear(12, len(VOCAB)))
        self.names = names

    def forward(self, x):
        emb, rnn, out = (getattr(self, n) for n in self.names)
        h, _ = rnn(emb(x))
        return out(h)


GELUS = {"gelu_sigmoid": lambda a: a * torch.sigmoid(1.702 * a), "gelu": nn.GELU(),
         "gelu_tanh": lambda a: 0.5 * a * (1.0 + torch.tanh(math.sqrt(2.0 / math.pi) * (a + 0.044715 * torch.pow(a, 3.0))))}


class Block(nn.Module):
    def __init__(self, d, heads, bias, act):
        super().__init__()
        self.ln_1 = nn.LayerNorm(d, elementwise_affine=True)
        self.attn = nn.Module()
        self.attn.c_attn = nn.Linear(d, 3 * d, bias=bias)
        self.attn.c_proj = nn.Linear(d, d, bias=bias)
        self.ln_2 = nn.LayerNorm(d)
        self.mlp = nn.Module()
        self.mlp.c_fc = nn.Linear(d, 4 * d, bias=bias)
        self.mlp.c_proj = nn.Linear(4 * d, d, bias=bias)
        self.heads = heads
        self.act = GELUS[act]
        if not bias:                 # nanoGPT's LayerNorm without bias
            self.ln_1.bias = None
            self.ln_2.bias = None

    def forward(self, x):
        B, T, C = x.shape
        q, k, v = self.attn.c_attn(self.ln_1(x)).split(C, dim=2)
        q, k, v = (a.view(B, T, self.heads, C // self.heads).transpose(1, 2) for a in (q, k, v))
        att = (q @ k.transpose(-2, -1)) / math.sqrt(C // self.heads)
        att = att.masked_fill(torch.triu(torch.ones(T, T, dtype=torch.bool), 1), float("-inf"))
        y = (F.softmax(att, dim=-1) @ v).transpose(1, 2).reshape(B, T, C)
        x = x + self.attn.c_proj(y)
        a = self.mlp.c_fc(self.ln_2(x))
        return x + self.mlp.c_proj(self.act(a))


class GPT(nn.Module):
    def __init__(self, d, layers, heads, block, bias, tied, act="gelu_sigmoid"):
        super().__init__()
        self.transformer = nn.ModuleDict(dict(wte=nn.Embedding(len(VOCAB), d), wpe=nn.Embedding(block, d),
                                              h=nn.ModuleList([Block(d, heads, bias, act) for _ in range(layers)]), ln_f=nn.LayerNorm(d)))
        self.lm_head = nn.Linear(d, len(VOCAB), bias=False)
        if not bias:
            self.transformer.ln_f.bias = None
        if tied:
            self.lm_head.weight = self.transformer.wte.weight
        self.tied = tied

    def forward(self, x):
        h = self.transformer.wte(x) + self.transformer.wpe(torch.arange(x.shape[1]))
        for b in self.transformer.h:
            h = b(h)
        return self.lm_head(self.transformer.ln_f(h))

    def state(self):
        s = dict(self.state_dict())
        if self.tied:
            del s["lm_head.weight"]  # safetensors keeps a shared tensor once: its absence means tied
        return s


def shake(model):
    with torch.no_grad():
        for p in model.parameters():
            p.add_(0.3 * torch.randn_like(p))     # biases and LayerNorms away from their initial 0 and 1


def bits(model, text):
    ids = torch.tensor([[VOCAB.index(c) for c in text]])
    with torch.no_grad():
        lp = F.log_softmax(model(ids[:, :-1])[0].double(), dim=-1)
    return -sum(lp[t, ids[0, t + 1]].item() for t in range(ids.shape[1] - 1)) / (ids.shape[1] - 1) / math.log(2)


def main(out):
    os.makedirs(out, exist_ok=True)
    meta = {"vocab": json.dumps(VOCAB)}
    variants = {
        "rnn": (Recurrent("rnn", 1, ("emb", "rnn", "head")), meta),
        "lstm-two-layers": (Recurrent("lstm", 2, ("embedding", "lstm", "fc")), meta),
        "gru": (Recurrent("gru", 1, ("tok_emb", "gru", "out")), meta),
        "gpt-biases": (GPT(16, 2, 2, 64, True, False), dict(meta, n_head="2", activation="gelu_sigmoid")),
        "gpt-no-bias-tied": (GPT(16, 1, 4, 64, False, True), dict(meta, n_head="4", activation="gelu_sigmoid")),
        "nanogpt-gelu": (GPT(16, 2, 2, 64, False, True, "gelu"), dict(meta, n_head="2")),   # nanoGPT's nn.GELU(), unsaid
        "mingpt-gelu-tanh": (GPT(16, 1, 2, 64, True, False, "gelu_tanh"), dict(meta, n_head="2", activation="gelu_tanh")),
    }
    with open(os.path.join(out, "expected.jsonl"), "w") as f:
        for name, (model, m) in variants.items():
            shake(model)
            state = model.state() if isinstance(model, GPT) else model.state_dict()
            save(os.path.join(out, name + ".safetensors"), state, m)
            f.write(json.dumps({"name": name, "bits_per_symbol": bits(model, TEXT), "text": TEXT}) + "\n")


if __name__ == "__main__":
    main(sys.argv[1])
