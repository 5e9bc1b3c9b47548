"""A WaveNet-style stack of gated, dilated causal convolutions over characters, as SeqLab trained it
(written out by `seqlab to-pytorch`).

    x = embed[tokens]                                     (B, C, T)
    per layer l (dilation d = 2^l, or 1 without dilation):
        a = conv_l(pad_left(x, (k-1) d))                  causal: output t reads t - (k-1)d ... t          (B, 2C, T)
        z = tanh(a[:C]) * sigmoid(a[C:])                  gated activation                               (B, C, T)
        r, s = resskip_l(z) split in two                  x = x + r,  skip = skip + s
    logits = out(relu(skip))

Output t reads the inputs t - (RF - 1) ... t, RF = 1 + (k - 1) * sum of the dilations (the receptive field), so a text
of any length is scored in windows that overlap by RF, which gives exactly the one-pass score.
"""
import torch
import torch.nn as nn
import torch.nn.functional as F


class CharModel(nn.Module):
    def __init__(self, config):
        super().__init__()
        c, k = config["channels"], config["kernel"]
        self.k = k
        self.dilations = [2 ** l if config["dilated"] else 1 for l in range(config["layers"])]
        self.embed = nn.Embedding(config["vocab_size"], c)
        self.convs = nn.ModuleList([nn.Conv1d(c, 2 * c, k, dilation=d) for d in self.dilations])
        self.resskip = nn.ModuleList([nn.Linear(c, 2 * c) for _ in self.dilations])
        self.out = nn.Linear(c, config["vocab_size"])
        self.channels = c
        rf = config["receptive_field"]
        self.window = max(4 * rf, 256)          # how `seqlab score` reads a long text: windows that overlap by RF
        self.stride = self.window - rf

    def forward(self, tokens, state=None):
        """tokens (B, T) -> logits (B, T, V)."""
        x = self.embed(tokens)                                                   # (B, T, C)
        skip = torch.zeros_like(x)
        for conv, rs, d in zip(self.convs, self.resskip, self.dilations):
            a = conv(F.pad(x.transpose(1, 2), ((self.k - 1) * d, 0))).transpose(1, 2)   # (B, T, 2C)
            z = torch.tanh(a[..., :self.channels]) * torch.sigmoid(a[..., self.channels:])
            r, s = rs(z).split(self.channels, dim=-1)
            x = x + r
            skip = skip + s
        return self.out(F.relu(skip)), None


def build(config):
    return CharModel(config)
