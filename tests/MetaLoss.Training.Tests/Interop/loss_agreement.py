"""Loss values and logit gradients of PyTorch's own formulas for the CE variants the C# test wrote.

Usage: loss_agreement.py CASES.json. Each case names a loss (label-smoothing, poly1, focal), its
parameter, and a batch of float32 logits and int64 labels (raw files). In float64, with autograd:
label smoothing is F.cross_entropy(label_smoothing=eps); Poly-1 is F.cross_entropy + eps (1 - p_t)
(Leng et al. 2022); focal is -(1 - p_t)^gamma log p_t (Lin et al. 2017). For each case it writes the
logit gradient (a raw float64 file beside the logits) and prints the loss values as JSON.
"""

import json
import os
import struct
import sys

import torch
import torch.nn.functional as F


def read(path, dtype, shape):
    with open(path, "rb") as stream:
        return torch.frombuffer(bytearray(stream.read()), dtype=dtype).reshape(shape)


def loss(name, parameter, logits, labels):
    log_target = F.log_softmax(logits, dim=-1).gather(-1, labels.unsqueeze(-1)).squeeze(-1)
    target = log_target.exp()
    if name == "label-smoothing":
        return F.cross_entropy(logits, labels, label_smoothing=parameter)
    if name == "poly1":
        return F.cross_entropy(logits, labels) + parameter * (1 - target).mean()
    if name == "focal":
        return (-((1 - target) ** parameter) * log_target).mean()
    raise ValueError(name)


def main(cases_path):
    torch.set_num_threads(1)
    with open(cases_path) as stream:
        cases = json.load(stream)
    results = {}
    for case in cases:
        shape = (case["batch"], case["classes"])
        logits = read(case["logits"], torch.float32, shape).double().requires_grad_()
        labels = read(case["labels"], torch.int64, (case["batch"],))
        value = loss(case["loss"], case["parameter"], logits, labels)
        (gradient,) = torch.autograd.grad(value, logits)
        with open(os.path.join(os.path.dirname(case["logits"]), "gradient.f64"), "wb") as stream:
            stream.write(struct.pack(f"<{gradient.numel()}d", *gradient.flatten().tolist()))
        results[case["name"]] = value.item()
    json.dump(results, sys.stdout)


if __name__ == "__main__":
    main(sys.argv[1])
