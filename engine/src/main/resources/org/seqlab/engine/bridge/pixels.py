"""A binary-image model as SeqLab trained it (written out by `seqlab to-pytorch`): a PixelCNN, a gated PixelCNN or MADE.

An image is H*W pixels in raster order, each 0 or 1, and the model gives every pixel its own Bernoulli

    p(x_i = 1 | x_<i) = sigmoid(l_i),   l = head2(relu(head1(f)))     f: the body's features at pixel i

written as the two logits [0, l_i] (their softmax is (1 - sigmoid(l), sigmoid(l))), so the loss is the cross-entropy of
the pixel given the pixels before it. The masks keep x_i and everything after it out of l_i:

    PixelCNN        h = relu(conv_A(x)), then h = h + relu(conv_B(h)) per layer; mask A: rows above and the left of
                    the centre row; mask B: the centre too (3x3). Stacked, they leave a blind spot up and right.
    gated PixelCNN  a vertical stack (rows up to the centre's) and a horizontal one (the row to the left); the
                    horizontal reads the vertical's pre-activations shifted down a row, so no blind spot:
                        v^ = conv_v(v);  v = tanh(v^[:C]) * sigmoid(v^[C:])
                        h^ = conv_h(h) + link(shift_down(v^));  h = h + res(tanh(h^[:C]) * sigmoid(h^[C:]))  (layer 0: no h +)
    MADE            an MLP over the whole image whose weights are multiplied by masks: hidden unit k has a number
                    m(k) = k mod (D-1) + 1, may read pixels 1..m(k), and pixels after m(k) may read it.

A masked weight is multiplied by its mask in every forward pass, so the taps the mask removes never act and never
train (their gradient is zero too).
"""
import torch
import torch.nn as nn
import torch.nn.functional as F


class MaskedConv2d(nn.Conv2d):
    """An nn.Conv2d whose kernel is multiplied by a 0/1 mask; padded so that the output keeps the image's size."""

    def __init__(self, cin, cout, mask):
        kh, kw = mask.shape
        super().__init__(cin, cout, (kh, kw), padding=(kh // 2, kw // 2))
        self.register_buffer("mask", mask.float()[None, None])

    def forward(self, x):
        return F.conv2d(x, self.weight * self.mask, self.bias, padding=self.padding)


def raster_mask(k, centre):
    """Mask A (centre False) or B (centre True): rows above the centre, and the centre row left of (or up to) it."""
    m = torch.zeros(k, k)
    c = k // 2
    m[:c, :] = 1
    m[c, :c] = 1
    if centre:
        m[c, c] = 1
    return m


def vertical_mask(k):
    m = torch.zeros(k, k)
    m[: k // 2 + 1, :] = 1
    return m


def horizontal_mask(k, centre):
    m = torch.zeros(1, k)
    m[0, : k // 2] = 1
    if centre:
        m[0, k // 2] = 1
    return m


def gate(a, c):
    return torch.tanh(a[:, :c]) * torch.sigmoid(a[:, c:])


class PixelModel(nn.Module):
    def __init__(self, config, features):
        super().__init__()
        self.height, self.width = config["height"], config["width"]
        self.head1 = nn.Linear(features, features)
        self.head2 = nn.Linear(features, 1)
        self.image = True
        self.window = None

    def forward(self, pixels, state=None):
        """pixels (B, H*W) of 0 and 1 -> the two logits [0, l] of every pixel (B, H*W, 2)."""
        f = self.features(pixels.float())                                     # (B, H*W, F)
        l = self.head2(F.relu(self.head1(f)))                                 # (B, H*W, 1)
        return torch.cat([torch.zeros_like(l), l], dim=-1), None


class PixelCNN(PixelModel):
    def __init__(self, config):
        super().__init__(config, config["channels"])
        c, k = config["channels"], config["kernel"]
        self.convs = nn.ModuleList([MaskedConv2d(1, c, raster_mask(k, False))]
                                   + [MaskedConv2d(c, c, raster_mask(3, True)) for _ in range(config["layers"] - 1)])

    def features(self, x):
        h = F.relu(self.convs[0](x.view(-1, 1, self.height, self.width)))      # (B, C, H, W)
        for conv in self.convs[1:]:
            h = h + F.relu(conv(h))
        return h.permute(0, 2, 3, 1).reshape(h.shape[0], -1, h.shape[1])


class GatedPixelCNN(PixelModel):
    def __init__(self, config):
        super().__init__(config, config["channels"])
        c, k = config["channels"], config["kernel"] | 1
        self.c = c
        layers = config["layers"]
        self.v = nn.ModuleList([MaskedConv2d(1 if l == 0 else c, 2 * c, vertical_mask(k)) for l in range(layers)])
        self.h = nn.ModuleList([MaskedConv2d(1 if l == 0 else c, 2 * c, horizontal_mask(k, l > 0)) for l in range(layers)])
        self.link = nn.ModuleList([nn.Linear(2 * c, 2 * c) for _ in range(layers)])
        self.res = nn.ModuleList([nn.Linear(c, c) for _ in range(layers)])

    def features(self, x):
        v = h = x.view(-1, 1, self.height, self.width)
        for l in range(len(self.v)):
            v_hat = self.v[l](v)                                                # (B, 2C, H, W)
            down = F.pad(v_hat, (0, 0, 1, 0))[:, :, : self.height, :]           # each row sees only the rows above
            h_hat = self.h[l](h) + self.link[l](down.permute(0, 2, 3, 1)).permute(0, 3, 1, 2)
            r = self.res[l](gate(h_hat, self.c).permute(0, 2, 3, 1)).permute(0, 3, 1, 2)
            h = r if l == 0 else h + r
            v = gate(v_hat, self.c)
        return h.permute(0, 2, 3, 1).reshape(h.shape[0], -1, self.c)


class MADE(PixelModel):
    FEATURES = 4

    def __init__(self, config):
        super().__init__(config, self.FEATURES)
        d, k = self.height * self.width, config["channels"]
        self.fc1 = nn.Linear(d, k)
        self.fc2 = nn.Linear(k, d * self.FEATURES)
        m = torch.tensor([kk % (d - 1) + 1 if d > 1 else 1 for kk in range(k)])   # m(k): unit k may read pixels 1..m(k)
        i = torch.arange(1, d + 1)
        self.register_buffer("m1", (m[:, None] >= i[None, :]).float())                          # (K, D)
        self.register_buffer("m2", (i[:, None] > m[None, :]).float().repeat_interleave(self.FEATURES, dim=0))  # (D*F, K)

    def features(self, x):
        h = F.relu(F.linear(x, self.fc1.weight * self.m1, self.fc1.bias))
        return F.linear(h, self.fc2.weight * self.m2, self.fc2.bias).view(x.shape[0], -1, self.FEATURES)


def build(config):
    return {"pixelcnn": PixelCNN, "gated-pixelcnn": GatedPixelCNN, "made": MADE}[config["family"]](config)
