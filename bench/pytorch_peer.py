#!/usr/bin/env python3
"""SeqLab's benchmark models, as a learner would write them in PyTorch (makemore / minGPT / a PixelCNN tutorial).

The Java benchmark (bench/src/main/java/org/seqlab/bench/Benchmark.java) runs this script between its own rounds
and compares median step times. Each model has the shapes, the initialisation scales that matter for speed (none do
much) and the optimiser of SeqLab's row: Adam at 3e-3, no gradient clipping, float32, one thread.

    python3 bench/pytorch_peer.py --model transformer --batch 32 --seq 64 --hidden 128 --embed 128 --vocab 83 \
        --steps 40 --warmup 10

prints one JSON line: {"model": ..., "ms": [step times], "parameters": N, "torch": version, "blas": ...}.
Needs Debian's python3-torch; with the reference BLAS it is 5-10x slower: install libopenblas0-openmp.
"""
import argparse
import json
import math
import os
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


# ---- text models: x (B, T) token ids -> logits (B, T, V) ----

class Recurrent(nn.Module):
    """makemore's RNN/LSTM: embedding, one recurrent layer, a linear read-out."""

    def __init__(self, kind, vocab, embed, hidden):
        super().__init__()
        self.embed = nn.Embedding(vocab, embed)
        cell = {"lstm": nn.LSTM, "gru": nn.GRU}.get(kind, nn.RNN)
        self.rnn = cell(embed, hidden, batch_first=True)
        self.out = nn.Linear(hidden, vocab)

    def forward(self, x):
        h, _ = self.rnn(self.embed(x))          # (B, T, H)
        return self.out(h)                      # (B, T, V)


class CausalSelfAttention(nn.Module):
    """minGPT's attention: one linear map to q, k, v; masked softmax; an output projection."""

    def __init__(self, d, heads, context):
        super().__init__()
        self.heads = heads
        self.c_attn = nn.Linear(d, 3 * d)
        self.c_proj = nn.Linear(d, d)
        self.register_buffer("mask", torch.tril(torch.ones(context, context)).view(1, 1, context, context))

    def forward(self, x):
        B, T, C = x.size()
        q, k, v = self.c_attn(x).split(C, dim=2)
        q = q.view(B, T, self.heads, C // self.heads).transpose(1, 2)            # (B, nh, T, hs)
        k = k.view(B, T, self.heads, C // self.heads).transpose(1, 2)
        v = v.view(B, T, self.heads, C // self.heads).transpose(1, 2)
        att = (q @ k.transpose(-2, -1)) * (1.0 / math.sqrt(k.size(-1)))         # (B, nh, T, T)
        att = att.masked_fill(self.mask[:, :, :T, :T] == 0, float("-inf"))
        att = F.softmax(att, dim=-1)
        y = (att @ v).transpose(1, 2).contiguous().view(B, T, C)                   # (B, T, C)
        return self.c_proj(y)


class Block(nn.Module):
    def __init__(self, d, heads, context):
        super().__init__()
        self.ln_1 = nn.LayerNorm(d)
        self.attn = CausalSelfAttention(d, heads, context)
        self.ln_2 = nn.LayerNorm(d)
        self.mlp = nn.Sequential(nn.Linear(d, 4 * d), nn.GELU(), nn.Linear(4 * d, d))

    def forward(self, x):
        x = x + self.attn(self.ln_1(x))
        return x + self.mlp(self.ln_2(x))


class Transformer(nn.Module):
    """A decoder-only Transformer with sinusoidal positions, as SeqLab's default."""

    def __init__(self, vocab, d, layers, heads, context):
        super().__init__()
        self.embed = nn.Embedding(vocab, d)
        pos = torch.arange(context).unsqueeze(1)
        div = torch.pow(10000.0, torch.arange(0, d, 2) / d)
        table = torch.zeros(context, d)
        table[:, 0::2] = torch.sin(pos / div)
        table[:, 1::2] = torch.cos(pos / div)
        self.register_buffer("positions", table)
        self.blocks = nn.ModuleList([Block(d, heads, context) for _ in range(layers)])
        self.ln_f = nn.LayerNorm(d)
        self.head = nn.Linear(d, vocab)

    def forward(self, x):
        T = x.size(1)
        h = self.embed(x) + self.positions[:T]
        for b in self.blocks:
            h = b(h)
        return self.head(self.ln_f(h))


class WaveNet(nn.Module):
    """Gated, dilated causal convolutions with residual and skip paths (van den Oord et al. 2016)."""

    def __init__(self, vocab, channels, layers, kernel):
        super().__init__()
        self.embed = nn.Embedding(vocab, channels)
        self.kernel = kernel
        self.dilations = [2 ** i for i in range(layers)]
        self.convs = nn.ModuleList([nn.Conv1d(channels, 2 * channels, kernel, dilation=d) for d in self.dilations])
        self.res_skip = nn.ModuleList([nn.Conv1d(channels, 2 * channels, 1) for _ in self.dilations])
        self.out = nn.Conv1d(channels, vocab, 1)

    def forward(self, x):
        h = self.embed(x).transpose(1, 2)                                  # (B, C, T)
        C = h.size(1)
        skip = 0
        for conv, rs, d in zip(self.convs, self.res_skip, self.dilations):
            a = conv(F.pad(h, ((self.kernel - 1) * d, 0)))                 # causal: pad on the left only
            z = torch.tanh(a[:, :C]) * torch.sigmoid(a[:, C:])
            r = rs(z)
            h = h + r[:, :C]
            skip = skip + r[:, C:]
        return self.out(F.relu(skip)).transpose(1, 2)                     # (B, T, V)


# ---- image models: x (B, 1, H, W) binary pixels -> one logit per pixel ----

class MaskedConv2d(nn.Conv2d):
    """A convolution whose kernel is multiplied by a fixed mask (the usual PixelCNN implementation)."""

    def __init__(self, mask, cin, cout):
        kh, kw = mask.shape
        super().__init__(cin, cout, (kh, kw), padding=(kh // 2, kw // 2))
        self.register_buffer("mask", mask.view(1, 1, kh, kw))

    def forward(self, x):
        return F.conv2d(x, self.weight * self.mask, self.bias, padding=self.padding)


def raster_mask(k, centre):
    c = k // 2
    m = torch.zeros(k, k)
    m[:c, :] = 1
    m[c, :c] = 1
    if centre:
        m[c, c] = 1
    return m


class PixelCNN(nn.Module):
    """Type A, then type B masked convolutions with ReLU and residual sums; a 1x1 head to one logit per pixel."""

    def __init__(self, channels, layers, kernel):
        super().__init__()
        self.first = MaskedConv2d(raster_mask(kernel, False), 1, channels)
        self.rest = nn.ModuleList([MaskedConv2d(raster_mask(3, True), channels, channels) for _ in range(layers - 1)])
        self.head1 = nn.Conv2d(channels, channels, 1)
        self.head2 = nn.Conv2d(channels, 1, 1)

    def forward(self, x):
        h = F.relu(self.first(x))
        for conv in self.rest:
            h = h + F.relu(conv(h))
        return self.head2(F.relu(self.head1(h)))


class GatedPixelCNN(nn.Module):
    """Vertical and horizontal stacks without a blind spot (van den Oord et al. 2016, Conditional PixelCNN)."""

    def __init__(self, channels, layers, kernel):
        super().__init__()
        k = kernel if kernel % 2 == 1 else kernel + 1
        c = k // 2
        vmask = torch.zeros(k, k)
        vmask[:c + 1, :] = 1                                   # rows up to the centre's; shifted down a row after
        self.C = channels
        self.vertical = nn.ModuleList()
        self.horizontal = nn.ModuleList()
        for i in range(layers):
            cin = 1 if i == 0 else channels
            hmask = torch.zeros(1, k)
            hmask[0, :c] = 1
            if i > 0:
                hmask[0, c] = 1
            self.vertical.append(MaskedConv2d(vmask, cin, 2 * channels))
            self.horizontal.append(MaskedConv2d(hmask, cin, 2 * channels))
        self.link = nn.ModuleList([nn.Conv2d(2 * channels, 2 * channels, 1) for _ in range(layers)])
        self.residual = nn.ModuleList([nn.Conv2d(channels, channels, 1) for _ in range(layers)])
        self.head1 = nn.Conv2d(channels, channels, 1)
        self.head2 = nn.Conv2d(channels, 1, 1)

    def gate(self, a):
        return torch.tanh(a[:, :self.C]) * torch.sigmoid(a[:, self.C:])

    def forward(self, x):
        v, h = x, x
        for i, (vc, hc, link, res) in enumerate(zip(self.vertical, self.horizontal, self.link, self.residual)):
            v_hat = vc(v)
            down = F.pad(v_hat, (0, 0, 1, 0))[:, :, :-1]       # shift down one row: rows above only
            h_hat = hc(h) + link(down)
            r = res(self.gate(h_hat))
            h = h + r if i > 0 else r
            v = self.gate(v_hat)
        return self.head2(F.relu(self.head1(h)))


# ---- encoder–decoders: (src (B, Ts), tgt_in (B, Tt)) -> logits (B, Tt, V) ----

class Seq2SeqGRU(nn.Module):
    """A GRU encoder whose last state starts a GRU decoder; with Luong dot attention over the encoder's states."""

    def __init__(self, vocab, embed, hidden, attention):
        super().__init__()
        self.src, self.tgt = nn.Embedding(vocab, embed), nn.Embedding(vocab, embed)
        self.enc = nn.GRU(embed, hidden, batch_first=True)
        self.dec = nn.GRU(embed, hidden, batch_first=True)
        self.attention = attention
        self.combine = nn.Linear(2 * hidden, hidden) if attention else None
        self.out = nn.Linear(hidden, vocab)

    def forward(self, src, tgt_in):
        e, last = self.enc(self.src(src))                    # (B, Ts, H), (1, B, H)
        h, _ = self.dec(self.tgt(tgt_in), last)              # (B, Tt, H)
        if self.attention:
            a = torch.softmax(h @ e.transpose(1, 2), dim=-1)  # (B, Tt, Ts)
            h = torch.tanh(self.combine(torch.cat([h, a @ e], dim=-1)))
        return self.out(h)


class Seq2SeqTransformer(nn.Module):
    """torch.nn.Transformer as SeqLab builds its own: pre-LN, 2+2 blocks, 4 heads, GELU MLP of 4d, sinusoidal positions."""

    def __init__(self, vocab, d):
        super().__init__()
        self.src, self.tgt = nn.Embedding(vocab, d), nn.Embedding(vocab, d)
        self.t = nn.Transformer(d_model=d, nhead=4, num_encoder_layers=2, num_decoder_layers=2, dim_feedforward=4 * d,
                                dropout=0.0, activation="gelu", batch_first=True, norm_first=True)
        pos = torch.arange(128).unsqueeze(1) * torch.exp(torch.arange(0, d, 2) * (-math.log(10000.0) / d))
        pe = torch.zeros(128, d)
        pe[:, 0::2], pe[:, 1::2] = torch.sin(pos), torch.cos(pos)
        self.register_buffer("pe", pe)
        self.out = nn.Linear(d, vocab)

    def forward(self, src, tgt_in):
        s = self.src(src) + self.pe[: src.size(1)]
        y = self.tgt(tgt_in) + self.pe[: tgt_in.size(1)]
        mask = self.t.generate_square_subsequent_mask(tgt_in.size(1))
        return self.out(self.t(s, y, tgt_mask=mask))


SEQ2SEQ_VOCAB, SEQ2SEQ_SOURCE = 29, 20   # reversal: a–z and three specials; sources of 20 letters, targets of 21


def build(a):
    if a.model == "seq2seq-gru":
        return Seq2SeqGRU(SEQ2SEQ_VOCAB, a.embed, a.hidden, False), "seq2seq"
    if a.model == "seq2seq-attention":
        return Seq2SeqGRU(SEQ2SEQ_VOCAB, a.embed, a.hidden, True), "seq2seq"
    if a.model == "seq2seq-transformer":
        return Seq2SeqTransformer(SEQ2SEQ_VOCAB, a.hidden), "seq2seq"
    if a.model in ("rnn", "lstm", "gru"):
        return Recurrent(a.model, a.vocab, a.embed, a.hidden), "text"
    if a.model == "transformer":
        return Transformer(a.vocab, a.hidden, 2, 4, a.seq), "text"
    if a.model == "conv1d":
        return WaveNet(a.vocab, a.hidden, 6, 2), "text"
    if a.model == "pixelcnn":
        return PixelCNN(64, 6, 7), "image"
    if a.model == "gated-pixelcnn":
        return GatedPixelCNN(64, 6, 3), "image"
    raise SystemExit("unknown model " + a.model)


def blas():
    try:
        with open("/proc/self/maps") as maps:
            libs = {line.split()[-1] for line in maps if "blas" in line.lower()}
        return sorted(libs)
    except OSError:
        return []


@torch.no_grad()
def generate(a, positions):
    """ms to produce the token after t tokens: minGPT's generate runs the whole sequence again (no cache); an RNN
    carries its state, one step per token."""
    torch.set_num_threads(1)
    torch.manual_seed(1)
    out = {}
    if a.model == "transformer":
        model = Transformer(a.vocab, a.hidden, 2, 4, max(positions) + 1).eval()
        for t in positions:
            x = torch.randint(0, a.vocab, (1, t))
            for _ in range(2):
                model(x)
            runs = []
            for _ in range(5):
                t0 = time.perf_counter()
                logits = model(x)[:, -1, :]
                torch.multinomial(F.softmax(logits, dim=-1), 1)
                runs.append((time.perf_counter() - t0) * 1e3)
            out[t] = min(runs)
    else:
        model = Recurrent(a.model, a.vocab, a.embed, a.hidden).eval()
        x = torch.randint(0, a.vocab, (1, 1))
        state = None
        times = {}
        for t in range(1, max(positions) + 1):
            t0 = time.perf_counter()
            h, state = model.rnn(model.embed(x), state)
            logits = model.out(h[:, -1, :])
            x = torch.multinomial(F.softmax(logits, dim=-1), 1)
            times[t] = (time.perf_counter() - t0) * 1e3
        for t in positions:
            window = [times[k] for k in range(max(1, t - 8), t + 1)]
            out[t] = min(window)
    print(json.dumps({"model": a.model, "generate": {str(k): v for k, v in out.items()}, "torch": torch.__version__}))


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--model", required=True)
    p.add_argument("--batch", type=int, default=32)
    p.add_argument("--seq", type=int, default=64)
    p.add_argument("--hidden", type=int, default=128)
    p.add_argument("--embed", type=int, default=128)
    p.add_argument("--vocab", type=int, default=83)
    p.add_argument("--steps", type=int, default=40)
    p.add_argument("--warmup", type=int, default=10)
    p.add_argument("--generate", type=str, default="",
                   help="instead of training, time generating the token at these positions (e.g. 64,256,512)")
    p.add_argument("--profile", action="store_true",
                   help="print torch.profiler's table of where the timed steps' time goes, per operator")
    a = p.parse_args()
    if a.generate:
        return generate(a, [int(x) for x in a.generate.split(",")])

    torch.set_num_threads(1)
    torch.manual_seed(1)
    model, kind = build(a)
    opt = torch.optim.Adam(model.parameters(), lr=3e-3)
    g = torch.Generator().manual_seed(2)
    batches = []
    for _ in range(10):
        if kind == "text":
            x = torch.randint(0, a.vocab, (a.batch, a.seq + 1), generator=g)
            batches.append((x[:, :-1], x[:, 1:]))
        elif kind == "seq2seq":
            src = torch.randint(3, SEQ2SEQ_VOCAB, (a.batch, SEQ2SEQ_SOURCE), generator=g)
            rev = torch.flip(src, dims=[1])
            bos, eos = torch.full((a.batch, 1), 1), torch.full((a.batch, 1), 2)
            batches.append(((src, torch.cat([bos, rev], dim=1)), torch.cat([rev, eos], dim=1)))
        else:
            img = (torch.rand(a.batch, 1, 28, 28, generator=g) < 0.2).float()
            batches.append((img, img))

    def step(i):
        x, y = batches[i % len(batches)]
        out = model(*x) if kind == "seq2seq" else model(x)
        if kind in ("text", "seq2seq"):
            loss = F.cross_entropy(out.reshape(-1, out.size(-1)), y.reshape(-1))
        else:
            loss = F.binary_cross_entropy_with_logits(out, y)          # = softmax over [0, logit], as SeqLab's head
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()

    for i in range(a.warmup):
        step(i)
    if a.profile:
        from torch.profiler import profile, ProfilerActivity
        with profile(activities=[ProfilerActivity.CPU]) as prof:
            for i in range(a.steps):
                step(a.warmup + i)
        print(prof.key_averages().table(sort_by="self_cpu_time_total", row_limit=15))
        return 0
    ms = []
    for i in range(a.steps):
        t0 = time.perf_counter()
        step(a.warmup + i)
        ms.append((time.perf_counter() - t0) * 1e3)
    print(json.dumps({"model": a.model, "ms": ms, "parameters": sum(q.numel() for q in model.parameters()),
                      "torch": torch.__version__, "threads": torch.get_num_threads(), "blas": blas(),
                      "openblas_coretype": os.environ.get("OPENBLAS_CORETYPE", "")}))


if __name__ == "__main__":
    sys.exit(main())
