"""What run.py shares with every program SeqLab writes: the safetensors reader and writer, and Adam as SeqLab steps it."""
import json
import math
import os
import struct

import torch


def load_tensors(path):
    """A .safetensors file: an 8-byte little-endian header length, a JSON header, then the raw little-endian arrays."""
    try:
        from safetensors.torch import load_file
        return load_file(path)
    except ImportError:
        pass
    with open(path, "rb") as f:
        n = struct.unpack("<Q", f.read(8))[0]
        header = json.loads(f.read(n))
        data = f.read()
    out = {}
    for name, t in header.items():
        if name == "__metadata__":
            continue
        if t["dtype"] != "F32":
            raise ValueError(f"{name}: only F32 tensors are read here, not {t['dtype']}")
        a, b = t["data_offsets"]
        out[name] = torch.frombuffer(bytearray(data[a:b]), dtype=torch.float32).reshape(t["shape"])
    return out


def save_tensors(path, tensors, metadata=None):
    """Writes a .safetensors file; the metadata (strings) say what SeqLab needs to read it back (vocab, heads …)."""
    header, offset, blobs = ({"__metadata__": metadata} if metadata else {}), 0, []
    for name, t in tensors.items():
        raw = t.detach().contiguous().float().numpy().astype("<f4").tobytes()
        header[name] = {"dtype": "F32", "shape": list(t.shape), "data_offsets": [offset, offset + len(raw)]}
        offset += len(raw)
        blobs.append(raw)
    h = json.dumps(header).encode()
    h += b" " * ((8 - len(h) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(h)) + h + b"".join(blobs))


def learning_rate(opt, step):
    """SeqLab's schedule: constant, or warm-up then cosine decay to a tenth (step counts from 0)."""
    lr = opt["lr"]
    if opt["schedule"] == "constant":
        return lr
    if step < opt["warmup"]:
        return lr * (step + 1) / opt["warmup"]
    progress = min(1.0, (step - opt["warmup"]) / (opt["decay"] - opt["warmup"]))
    return 0.1 * lr + (lr - 0.1 * lr) * 0.5 * (1 + math.cos(math.pi * progress))


class SeqLabAdam:
    """Adam exactly as SeqLab (ND4J) steps it. The difference from torch.optim.Adam is where epsilon goes:
    p -= lr_t * sqrt(1 - b2^t) / (1 - b1^t) * m / (sqrt(v) + eps), with eps added to sqrt(v), not to sqrt(v_hat).
    Clipping, when on, rescales the whole gradient to norm c when it is larger."""

    def __init__(self, model, opt, folder):
        self.opt = opt
        self.params = [(n, p) for n, p in model.named_parameters() if p.requires_grad]
        self.steps = opt["steps"]
        self.m = {n: torch.zeros_like(p) for n, p in self.params}
        self.v = {n: torch.zeros_like(p) for n, p in self.params}
        path = os.path.join(folder, "optimizer.safetensors")
        if os.path.exists(path):
            for key, t in load_tensors(path).items():       # m.NAME and v.NAME: the moments of weight NAME
                moment, n = key.split(".", 1)
                (self.m if moment == "m" else self.v)[n].copy_(t)

    @torch.no_grad()
    def step(self):
        o = self.opt
        grads = {n: p.grad for n, p in self.params}
        norm = torch.sqrt(sum((g.double() ** 2).sum() for g in grads.values())).item()
        clip = o.get("clip")
        scale = clip / norm if clip is not None and norm > clip else 1.0
        lr = learning_rate(o, self.steps)
        t = self.steps + 1
        for n, p in self.params:
            g = grads[n] * scale
            if o["method"] == "sgd":
                p -= lr * g
                continue
            self.m[n].mul_(o["beta1"]).add_((1 - o["beta1"]) * g)
            self.v[n].mul_(o["beta2"]).add_((1 - o["beta2"]) * g * g)
            alpha = lr * math.sqrt(1 - o["beta2"] ** t) / (1 - o["beta1"] ** t)
            p -= alpha * self.m[n] / (torch.sqrt(self.v[n]) + o["eps"])
        self.steps += 1
        return norm


def metadata(config, vocab):
    """What SeqLab's importer reads beside the tensors: the vocabulary, and for a Transformer its shape."""
    meta = {"format": "pt", "vocab": json.dumps(vocab)}
    if config.get("family") == "transformer":
        meta.update(n_head=str(config["heads"]), n_kv_head=str(config["kv_heads"]), block_size=str(config["context"]),
                    positions=config["positions"], norm=config["norm"], activation=config["activation"])
    return meta


def load(folder, build, computed):
    """The program's config, vocabulary and model with its weights. Keys the file does not hold must be ones SeqLab
    computes rather than stores (computed: buffers such as the sinusoidal table or the masks)."""
    with open(os.path.join(folder, "config.json")) as f:
        config = json.load(f)
    with open(os.path.join(folder, "vocab.json")) as f:
        vocab = json.load(f)
    torch.set_num_threads(1)
    model = build(config)
    missing = model.load_state_dict(load_tensors(os.path.join(folder, "weights.safetensors")), strict=False)
    assert not missing.unexpected_keys, missing.unexpected_keys
    assert all(computed(k) for k in missing.missing_keys), missing.missing_keys
    return config, vocab, model
