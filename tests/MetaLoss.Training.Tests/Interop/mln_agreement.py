"""Loss values and logit gradients of python/metaloss_mln.py for the cases the C# test wrote.

Usage: mln_agreement.py CASES.json. Each case names an MLN file, a batch of float32 logits and
int64 labels (raw files), and the training progress to pass (null: none). For each it writes the logit gradient with class-index targets and with
one-hot targets (raw float32 files beside the logits) and prints the two loss values as JSON.
"""

import json
import os
import struct
import sys

import torch
import torch.nn.functional as F

from metaloss_mln import MetaLoss


def read(path, dtype, shape):
    with open(path, "rb") as stream:
        return torch.frombuffer(bytearray(stream.read()), dtype=dtype).reshape(shape)


def loss_and_gradient(criterion, logits, targets, progress):
    leaf = logits.clone().requires_grad_()
    value = criterion(leaf, targets) if progress is None else criterion(leaf, targets, progress=progress)
    (gradient,) = torch.autograd.grad(value, leaf)
    return value.item(), gradient


def main(cases_path):
    torch.set_num_threads(1)
    with open(cases_path) as stream:
        cases = json.load(stream)
    results = {}
    for case in cases:
        criterion = MetaLoss.from_file(case["mln"])
        shape = (case["batch"], case["classes"])
        logits = read(case["logits"], torch.float32, shape)
        labels = read(case["labels"], torch.int64, (case["batch"],))
        folder = os.path.dirname(case["logits"])
        losses = {}
        for form, targets in (("indices", labels), ("one_hot", F.one_hot(labels, case["classes"]).float())):
            value, gradient = loss_and_gradient(criterion, logits, targets, case["progress"])
            losses[form] = value
            with open(os.path.join(folder, f"gradient-{form}.f32"), "wb") as stream:
                stream.write(struct.pack(f"<{gradient.numel()}f", *gradient.flatten().tolist()))
        results[case["name"]] = losses
    json.dump(results, sys.stdout)


if __name__ == "__main__":
    main(sys.argv[1])
