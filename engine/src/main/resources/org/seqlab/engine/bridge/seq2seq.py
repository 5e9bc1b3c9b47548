"""A recurrent encoder-decoder as SeqLab trained it (written out by `seqlab to-pytorch`):

    e_1 ... e_n, e_n = encoder(src_embed[x])          nn.GRU (or nn.LSTM), e_0 = 0
    h_t = decoder(tgt_embed[y_{t-1}], h_{t-1})        h_0 = e_n: without attention, all the decoder is told (the bottleneck)
    o_t = h_t                                         without attention
    o_t = tanh(combine([h_t; c_t])),  c_t = sum_j a_tj e_j,  a_t = softmax_j(s_tj)     with attention (Luong et al.)
          s_tj = h_t . e_j (dot)   or   v . tanh(W_q h_t + W_k e_j) (additive)
    p(y_t | y_<t, x) = softmax(out(o_t))

Ids 0, 1 and 2 are padding, <s> and </s>; the decoder reads <s> y_1 ... y_m and predicts y_1 ... y_m </s>. Sources in
one batch share their length (SeqLab groups them so), so nothing is padded on the source side.
"""
import torch
import torch.nn as nn
import torch.nn.functional as F

PAD, BOS, EOS = 0, 1, 2


class Seq2Seq(nn.Module):
    def __init__(self, config):
        super().__init__()
        V, E, H = config["vocab_size"], config["embed"], config["hidden"]
        cell = nn.LSTM if config["kind"] == "seq2seq-lstm" else nn.GRU
        self.src_embed = nn.Embedding(V, E)
        self.tgt_embed = nn.Embedding(V, E)
        self.encoder = cell(E, H, batch_first=True)
        self.decoder = cell(E, H, batch_first=True)
        self.score = config["attention"]                 # None, "dot" or "additive"
        if self.score == "additive":
            self.attention = nn.Module()
            self.attention.W_q = nn.Linear(H, H, bias=False)
            self.attention.W_k = nn.Linear(H, H, bias=False)
            self.attention.v = nn.Parameter(torch.zeros(H))
        if self.score:
            self.combine = nn.Linear(2 * H, H)
        self.out = nn.Linear(H, V)
        for rnn in (self.encoder, self.decoder):      # SeqLab has one bias per gate: b_hh stays zero (the GRU's b_hn aside)
            for name, p in rnn.named_parameters():
                if name.startswith("bias_hh"):
                    keep = torch.zeros_like(p)
                    if cell is nn.GRU:
                        keep[2 * H:] = 1
                    p.register_hook(lambda g, keep=keep: g * keep)

    def encode(self, source):
        """source (B, Ts) -> the encoder's states (B, Ts, H) and its last state, the decoder's start."""
        return self.encoder(self.src_embed(source))

    def decode(self, states, start, target_in):
        """target_in (B, Tt) -> logits (B, Tt, V), and the decoder's last state."""
        h, last = self.decoder(self.tgt_embed(target_in), start)           # (B, Tt, H)
        if self.score:
            if self.score == "dot":
                s = h @ states.transpose(1, 2)                              # (B, Tt, Ts)
            else:
                s = torch.tanh(self.attention.W_q(h)[:, :, None] + self.attention.W_k(states)[:, None]) @ self.attention.v
            c = F.softmax(s, dim=-1) @ states                               # (B, Tt, H)
            h = torch.tanh(self.combine(torch.cat([h, c], dim=-1)))
        return self.out(h), last

    def forward(self, source, target_in):
        states, start = self.encode(source)
        return self.decode(states, start, target_in)[0]


def build(config):
    return Seq2Seq(config)
