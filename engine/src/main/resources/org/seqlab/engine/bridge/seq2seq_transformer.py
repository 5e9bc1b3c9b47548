"""A Transformer encoder-decoder (Vaswani et al. 2017), pre-LayerNorm, as SeqLab trained it (written by `seqlab to-pytorch`):

    encoder block   x = x + SelfAttn(LN_1 x)              bidirectional: every source position sees every other
                    x = x + MLP(LN_2 x)
    memory          M = LN(x)
    decoder block   y = y + SelfAttn_causal(LN_1 y)       the target so far
                    y = y + CrossAttn(LN_2 y, M)          queries from the target, keys and values from the source
                    y = y + MLP(LN_3 y)
    p(y_t | y_<t, x) = softmax(out(LN(y_t)))

Both sides add the sinusoidal table to their embeddings; the MLP's GELU is SeqLab's a * sigmoid(1.702 a). Ids 0, 1
and 2 are padding, <s> and </s>; sources in one batch share their length, so nothing is masked but the future.
"""
import math

import torch
import torch.nn as nn
import torch.nn.functional as F

PAD, BOS, EOS = 0, 1, 2
LAYERS, HEADS, CONTEXT = 2, 4, 128


def sinusoids(positions, dim):
    p = torch.zeros(positions, dim, dtype=torch.float64)
    pos = torch.arange(positions, dtype=torch.float64)[:, None]
    i = torch.arange(0, dim, 2, dtype=torch.float64)
    angle = pos / torch.pow(10000.0, i / dim)
    p[:, 0::2] = torch.sin(angle)
    p[:, 1::2] = torch.cos(angle)[:, : dim // 2]
    return p.float()


class Attention(nn.Module):
    def __init__(self, d, cross=False, causal=False):
        super().__init__()
        self.d, self.cross, self.causal = d, cross, causal
        if cross:
            self.q = nn.Linear(d, d)
            self.kv = nn.Linear(d, 2 * d)        # k | v, from the memory
        else:
            self.qkv = nn.Linear(d, 3 * d)       # q | k | v
        self.proj = nn.Linear(d, d)

    def forward(self, x, memory=None):
        B, T, d = x.shape
        if self.cross:
            q = self.q(x)
            k, v = self.kv(memory).split(d, dim=2)
        else:
            q, k, v = self.qkv(x).split(d, dim=2)
        hs = d // HEADS
        q, k, v = (a.view(B, -1, HEADS, hs).transpose(1, 2) for a in (q, k, v))     # (B, nh, T, hs)
        att = (q @ k.transpose(-2, -1)) / math.sqrt(hs)
        if self.causal:
            t = torch.arange(T)
            att = att.masked_fill(t[None, :] > t[:, None], float("-inf"))
        y = F.softmax(att, dim=-1) @ v
        return self.proj(y.transpose(1, 2).reshape(B, T, d))


class MLP(nn.Module):
    def __init__(self, d):
        super().__init__()
        self.fc = nn.Linear(d, 4 * d)
        self.proj = nn.Linear(4 * d, d)

    def forward(self, x):
        a = self.fc(x)
        return self.proj(a * torch.sigmoid(1.702 * a))


class EncoderBlock(nn.Module):
    def __init__(self, d):
        super().__init__()
        self.ln1, self.attn, self.ln2, self.mlp = nn.LayerNorm(d), Attention(d), nn.LayerNorm(d), MLP(d)

    def forward(self, x):
        x = x + self.attn(self.ln1(x))
        return x + self.mlp(self.ln2(x))


class DecoderBlock(nn.Module):
    def __init__(self, d):
        super().__init__()
        self.ln1, self.self_attn = nn.LayerNorm(d), Attention(d, causal=True)
        self.ln2, self.cross = nn.LayerNorm(d), Attention(d, cross=True)
        self.ln3, self.mlp = nn.LayerNorm(d), MLP(d)

    def forward(self, y, memory):
        y = y + self.self_attn(self.ln1(y))
        y = y + self.cross(self.ln2(y), memory)
        return y + self.mlp(self.ln3(y))


class Seq2Seq(nn.Module):
    def __init__(self, config):
        super().__init__()
        V, d = config["vocab_size"], config["hidden"]
        self.src_embed = nn.Embedding(V, d)
        self.tgt_embed = nn.Embedding(V, d)
        self.register_buffer("table", sinusoids(CONTEXT, d))
        self.enc = nn.ModuleList([EncoderBlock(d) for _ in range(LAYERS)])
        self.enc_ln = nn.LayerNorm(d)
        self.dec = nn.ModuleList([DecoderBlock(d) for _ in range(LAYERS)])
        self.dec_ln = nn.LayerNorm(d)
        self.out = nn.Linear(d, V)

    def encode(self, source):
        """source (B, Ts) -> the memory (B, Ts, D), and an empty target so far."""
        x = self.src_embed(source) + self.table[: source.shape[1]]
        for b in self.enc:
            x = b(x)
        return self.enc_ln(x), None

    def decode(self, memory, so_far, target_in):
        """The target so far (None at first) and what follows -> logits of every position (B, T, V), the target so far."""
        y_in = target_in if so_far is None else torch.cat([so_far, target_in], dim=1)
        y = self.tgt_embed(y_in) + self.table[: y_in.shape[1]]
        for b in self.dec:
            y = b(y, memory)
        return self.out(self.dec_ln(y)), y_in

    def forward(self, source, target_in):
        memory, _ = self.encode(source)
        return self.decode(memory, None, target_in)[0]


def build(config):
    return Seq2Seq(config)
