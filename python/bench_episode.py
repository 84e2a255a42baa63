"""The default MetaLoss episode as a plain PyTorch script, for `scripts/bench-pytorch`.

What a user could write in an afternoon: an nn.Sequential MLP 784-256-128-10, autograd, plain SGD
at lr 0.2 for 20 steps on 20 FashionMNIST training rows per class, then accuracy on 2,000
validation rows; the loss is cross-entropy or an MLN with the progress input (random weights: an
MLN's cost does not depend on them, and `metaloss bench` times random ones too). Prints
episodes/s for each loss on the thread count given. The figures are what `metaloss bench`'s "one at a time" and two-slot rows are
compared with in the README.

    python3 python/bench_episode.py --threads 1 --seconds 20
"""

import argparse
import gzip
import pathlib
import time

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

from metaloss_mln import MetaLoss, _layout, _count

FASHION_MNIST = pathlib.Path("/usr/share/datasets/fashion-mnist")
CLASSES, PER_CLASS, VALIDATION, STEPS, LEARNING_RATE = 10, 20, 2000, 20, 0.2


def read_idx(name, offset):
    with gzip.open(FASHION_MNIST / name, "rb") as stream:
        return np.frombuffer(stream.read(), dtype=np.uint8, offset=offset)


def load_training_split():
    images = read_idx("train-images-idx3-ubyte.gz", 16).reshape(-1, 784).astype(np.float32) / 255.0
    labels = read_idx("train-labels-idx1-ubyte.gz", 8).astype(np.int64)
    return torch.from_numpy(images), torch.from_numpy(labels)


def random_mln(generator):
    count = sum(_count(shape) for _, shape in _layout(8, 8, 8, True))
    return MetaLoss(8, 8, 8, torch.randn(count, generator=generator) * 0.5, progress_input=True)


def episode(images, labels, by_class, loss, generator):
    picks = [rows[torch.randint(len(rows), (PER_CLASS,), generator=generator)] for rows in by_class]
    train = torch.cat(picks)
    validation = torch.randint(len(labels), (VALIDATION,), generator=generator)
    model = nn.Sequential(nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 128), nn.ReLU(), nn.Linear(128, CLASSES))
    optimizer = torch.optim.SGD(model.parameters(), lr=LEARNING_RATE)
    x, y = images[train], labels[train]
    for step in range(STEPS):
        optimizer.zero_grad()
        logits = model(x)
        value = F.cross_entropy(logits, y) if loss is None else loss(logits, y, progress=step / STEPS)
        value.backward()
        optimizer.step()
    with torch.no_grad():
        return (model(images[validation]).argmax(1) == labels[validation]).float().mean().item()


def episodes_per_second(images, labels, by_class, loss, seconds, generator):
    """(episodes/s, episodes, mean validation accuracy): the accuracy shows the episodes really train."""
    episode(images, labels, by_class, loss, generator)  # warm-up: first-call allocations
    accuracies, start = [], time.perf_counter()
    while not accuracies or time.perf_counter() - start < seconds:
        accuracies.append(episode(images, labels, by_class, loss, generator))
    return len(accuracies) / (time.perf_counter() - start), len(accuracies), sum(accuracies) / len(accuracies)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--seconds", type=float, default=20.0, help="time per loss; at least one episode is timed")
    parser.add_argument("--ceiling-size", type=int, default=2048, help="n of the torch.mm n x n ceiling")
    arguments = parser.parse_args()
    torch.set_num_threads(arguments.threads)
    generator = torch.Generator().manual_seed(1)
    images, labels = load_training_split()
    by_class = [torch.nonzero(labels == c).flatten() for c in range(CLASSES)]
    n = arguments.ceiling_size
    a, b = torch.randn(n, n), torch.randn(n, n)
    torch.mm(a, b)
    start = time.perf_counter()
    for _ in range(5):
        torch.mm(a, b)
    ceiling = 5 * 2 * n ** 3 / (time.perf_counter() - start) / 1e9
    print(f"PyTorch {torch.__version__}, {arguments.threads} thread(s): torch.mm {n}x{n} float32 = {ceiling:.1f} GFLOP/s")
    for name, loss in (("CE", None), ("MLN", random_mln(generator))):
        rate, count, accuracy = episodes_per_second(images, labels, by_class, loss, arguments.seconds, generator)
        print(f"  {name:<4} {rate:6.2f} episodes/s ({count} episodes, mean validation accuracy {accuracy:.3f})")


if __name__ == "__main__":
    main()
