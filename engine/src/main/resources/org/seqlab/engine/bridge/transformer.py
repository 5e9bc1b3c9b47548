"""A decoder-only Transformer in the shape of minGPT / nanoGPT, as SeqLab trained it (written by `seqlab to-pytorch`).

    x_0 = wte[tokens] + P[t]            P: sinusoidal, learned (wpe), or none (ALiBi and RoPE act inside attention)
    pre-LN block   x = x + attn(LN_1(x));  x = x + mlp(LN_2(x))          (post-LN: x = LN_1(x + attn(x)); ...)
    attn           q, k, v = split(c_attn(x));  att = softmax(q k^T / sqrt(hs) + bias, causal);  y = c_proj(att v)
    mlp            c_proj(gelu(c_fc(x))),  gelu(a) = a * sigmoid(1.702 a)   (SeqLab's GELU: the sigmoid form; see gelu())
    logits         lm_head(ln_f(x))

Differences from nanoGPT, all SeqLab's: the GELU is x * sigmoid(1.702 x), not the exact erf form (an imported model keeps
its own); the head has a bias (but in a bias=False model) and is not tied to wte; with kv_heads < heads, query head h reads key/value head h // (heads / kv_heads); with ALiBi each
head h adds -m_h * (t - j) to its scores, m_h = 2^(-8 (h+1) / heads); with RoPE each pair (2i, 2i+1) of a head's
queries and keys turns by t * 10000^(-2i / hs). LayerNorm's epsilon is 1e-5, as nn.LayerNorm's.
"""
import math

import torch
import torch.nn as nn
import torch.nn.functional as F


def gelu(a, form):
    """SeqLab trains with the sigmoid form; an imported nanoGPT or minGPT model keeps its own (config.json says which)."""
    if form == "gelu":
        return F.gelu(a)                       # a * Phi(a), the exact normal CDF: nn.GELU()
    if form == "gelu_tanh":
        return F.gelu(a, approximate="tanh")   # GPT-2's and minGPT's NewGELU
    return a * torch.sigmoid(1.702 * a)


def sinusoids(positions, dim):
    """P[pos, i] = sin(pos / 10000^(i/d)) for even i, P[pos, i+1] = cos of the same angle (Vaswani et al.)."""
    p = torch.zeros(positions, dim, dtype=torch.float64)
    pos = torch.arange(positions, dtype=torch.float64)[:, None]
    i = torch.arange(0, dim, 2, dtype=torch.float64)
    angle = pos / torch.pow(10000.0, i / dim)
    p[:, 0::2] = torch.sin(angle)
    p[:, 1::2] = torch.cos(angle)[:, : dim // 2]
    return p.float()


def layer_norm(d, config):
    """nn.LayerNorm, without its bias in a bias=False model (nanoGPT's LayerNorm(bias=False))."""
    ln = nn.LayerNorm(d, eps=1e-5)
    if not config.get("bias", True):
        ln.bias = None
    return ln


class CausalSelfAttention(nn.Module):
    def __init__(self, config):
        super().__init__()
        d, self.heads, self.kv_heads = config["d_model"], config["heads"], config["kv_heads"]
        self.hs = d // self.heads
        bias = config.get("bias", True)
        self.c_attn = nn.Linear(d, d + 2 * self.kv_heads * self.hs, bias=bias)     # q | k | v
        self.c_proj = nn.Linear(d, d, bias=bias)
        self.positions = config["positions"]
        if self.positions == "alibi":
            self.register_buffer("slopes", torch.tensor([2.0 ** (-8.0 * (h + 1) / self.heads) for h in range(self.heads)]))
        if self.positions == "rope":
            self.register_buffer("theta", torch.tensor([10000.0 ** (-2.0 * i / self.hs) for i in range(self.hs // 2)],
                                                       dtype=torch.float64))

    def rope(self, a, T):
        """Turns each pair (2i, 2i+1) of a head's vectors (B, nh, T, hs) by t * theta_i."""
        angle = torch.arange(T, dtype=torch.float64)[:, None] * self.theta[None, :]   # (T, hs/2)
        c, s = torch.cos(angle).to(a.dtype), torch.sin(angle).to(a.dtype)
        x, y = a[..., 0::2], a[..., 1::2]
        out = torch.empty_like(a)
        out[..., 0::2] = x * c - y * s
        out[..., 1::2] = x * s + y * c
        return out

    def forward(self, x):
        B, T, C = x.size()
        kv = self.kv_heads * self.hs
        q, k, v = self.c_attn(x).split([C, kv, kv], dim=2)
        q = q.view(B, T, self.heads, self.hs).transpose(1, 2)                       # (B, nh, T, hs)
        k = k.view(B, T, self.kv_heads, self.hs).transpose(1, 2)                    # (B, nkv, T, hs)
        v = v.view(B, T, self.kv_heads, self.hs).transpose(1, 2)
        group = self.heads // self.kv_heads
        k, v = k.repeat_interleave(group, dim=1), v.repeat_interleave(group, dim=1)  # head h reads kv head h // group
        if self.positions == "rope":
            q, k = self.rope(q, T), self.rope(k, T)
        att = (q @ k.transpose(-2, -1)) * (1.0 / math.sqrt(self.hs))               # (B, nh, T, T)
        t = torch.arange(T)
        if self.positions == "alibi":
            att = att - self.slopes[:, None, None] * (t[:, None] - t[None, :]).abs().float()
        att = att.masked_fill(t[None, :] > t[:, None], float("-inf"))            # the future: no weight
        y = F.softmax(att, dim=-1) @ v                                              # (B, nh, T, hs)
        return self.c_proj(y.transpose(1, 2).contiguous().view(B, T, C))


class MLP(nn.Module):
    def __init__(self, d, form, bias=True):
        super().__init__()
        self.c_fc = nn.Linear(d, 4 * d, bias=bias)
        self.c_proj = nn.Linear(4 * d, d, bias=bias)
        self.form = form

    def forward(self, x):
        return self.c_proj(gelu(self.c_fc(x), self.form))


class Block(nn.Module):
    def __init__(self, config):
        super().__init__()
        d = config["d_model"]
        self.pre = config["norm"] == "pre"
        self.ln_1 = layer_norm(d, config)
        self.attn = CausalSelfAttention(config)
        self.ln_2 = layer_norm(d, config)
        self.mlp = MLP(d, config["activation"], config.get("bias", True))

    def forward(self, x):
        if self.pre:
            x = x + self.attn(self.ln_1(x))
            return x + self.mlp(self.ln_2(x))
        x = self.ln_1(x + self.attn(x))
        return self.ln_2(x + self.mlp(x))


class CharModel(nn.Module):
    def __init__(self, config):
        super().__init__()
        d, self.context = config["d_model"], config["context"]
        self.window = self.context
        self.positions = config["positions"]
        self.transformer = nn.ModuleDict(dict(
            wte=nn.Embedding(config["vocab_size"], d),
            h=nn.ModuleList([Block(config) for _ in range(config["layers"])]),
            ln_f=layer_norm(d, config),
        ))
        if self.positions == "learned":
            self.transformer["wpe"] = nn.Embedding(self.context, d)
        elif self.positions == "sinusoidal":
            self.register_buffer("table", sinusoids(self.context, d))
        self.lm_head = nn.Linear(d, config["vocab_size"], bias=config.get("bias", True))

    def forward(self, x, state=None):
        """x (B, T) token ids, T <= context -> logits (B, T, V)."""
        B, T = x.size()
        h = self.transformer.wte(x)                                                  # (B, T, D)
        if self.positions == "learned":
            h = h + self.transformer.wpe(torch.arange(T))
        elif self.positions == "sinusoidal":
            h = h + self.table[:T]
        for block in self.transformer.h:
            h = block(h)
        return self.lm_head(self.transformer.ln_f(h)), None


def build(config):
    return CharModel(config)
