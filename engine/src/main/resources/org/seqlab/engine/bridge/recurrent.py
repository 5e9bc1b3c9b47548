"""A character-level recurrent language model, as SeqLab trained it (written out by `seqlab to-pytorch`).

    p(x_{t+1} | x_{<=t}) = softmax(h_t W_out^T + b_out),   h_t = the top layer's state after reading x_0 ... x_t

The layers are PyTorch's own (nn.Embedding, nn.RNN / nn.GRU / nn.LSTM, nn.Linear); SeqLab's equations are the same:

    vanilla RNN   h_t = tanh(W_ih x_t + b_ih + W_hh h_{t-1} + b_hh)
    LSTM          i, f, g, o = sigma, sigma, tanh, sigma of (W_ih x_t + b_ih + W_hh h_{t-1} + b_hh), in blocks of H
                  c_t = f * c_{t-1} + i * g,   h_t = o * tanh(c_t)
    GRU           r, z = sigma(W_ir x_t + b_ir + W_hr h_{t-1} + b_hr), sigma(... z ...)
                  n = tanh(W_in x_t + b_in + r * (W_hn h_{t-1} + b_hn)),   h_t = (1 - z) * n + z * h_{t-1}

SeqLab has one bias per gate where PyTorch adds two (b_ih + b_hh): the exported b_hh is zero and stays zero when
training goes on (its gradient is masked), except the GRU's b_hn, which SeqLab has too. The states start at zero.
"""
import torch
import torch.nn as nn


class CharModel(nn.Module):
    def __init__(self, config):
        super().__init__()
        V, E, H = config["vocab_size"], config["embed"], config["hidden"]
        kind = {"rnn": nn.RNN, "lstm": nn.LSTM, "gru": nn.GRU}
        self.family = config["family"]
        self.embed = nn.Embedding(V, E)       # [V, E]
        self.rnn = kind[self.family](E, H, num_layers=config["layers"],
                                     batch_first=True)
        self.out = nn.Linear(H, V)            # [V, H]
        # b_hh: SeqLab has none of it (RNN, LSTM) or only the
        # GRU's b_hn; the rest stays zero: its gradient is masked
        for name, p in self.rnn.named_parameters():
            if name.startswith("bias_hh"):
                keep = torch.zeros_like(p)
                if self.family == "gru":
                    keep[2 * H:] = 1
                p.register_hook(lambda g, keep=keep: g * keep)

    def forward(self, x, state=None):
        """x (B, T) ids -> logits (B, T, V), last state."""
        h, state = self.rnn(self.embed(x), state)   # (B, T, H)
        return self.out(h), state

    # one forward pass reads a text of any length
    window = None


def build(config):
    return CharModel(config)
