"""Trains the episode the C# test wrote, in plain PyTorch with python/metaloss_mln.py as the loss.

Usage: pytorch_episode.py EPISODE_DIR... Each directory holds episode.json (sizes, learning rate,
steps), the training and validation rows and labels, the classifier's initial weights (raw
little-endian files) and the MLN (mln.json). The model is what a PyTorch user would write: Linear
layers with ReLU, torch.optim.SGD without momentum, the loss called with class indices as
F.cross_entropy would be. Prints, per directory, the training losses and the final validation accuracy.
"""

import json
import os
import sys

import torch
from torch import nn

from metaloss_mln import MetaLoss


def read(folder, name, dtype, shape):
    with open(os.path.join(folder, name), "rb") as stream:
        return torch.frombuffer(bytearray(stream.read()), dtype=dtype).reshape(shape)


def run(folder):
    with open(os.path.join(folder, "episode.json")) as stream:
        episode = json.load(stream)
    features = episode["features"]
    train_x = read(folder, "train-features.f32", torch.float32, (-1, features))
    train_y = read(folder, "train-labels.i64", torch.int64, (-1,))
    validation_x = read(folder, "validation-features.f32", torch.float32, (-1, features))
    validation_y = read(folder, "validation-labels.i64", torch.int64, (-1,))

    layers = []
    for index, (inputs, outputs) in enumerate(episode["layers"]):
        linear = nn.Linear(inputs, outputs)
        with torch.no_grad():
            # The C# classifier keeps weights as [in, out]; nn.Linear keeps [out, in].
            linear.weight.copy_(read(folder, f"layer{index}-weight.f32", torch.float32, (inputs, outputs)).t())
            linear.bias.copy_(read(folder, f"layer{index}-bias.f32", torch.float32, (outputs,)))
        layers += [linear, nn.ReLU()]
    model = nn.Sequential(*layers[:-1])

    criterion = MetaLoss.from_file(os.path.join(folder, "mln.json"))
    optimizer = torch.optim.SGD(model.parameters(), lr=episode["learning_rate"])
    train_loss = []
    for _ in range(episode["steps"]):
        optimizer.zero_grad()
        loss = criterion(model(train_x), train_y)
        train_loss.append(loss.item())
        loss.backward()
        optimizer.step()
    with torch.no_grad():
        accuracy = (model(validation_x).argmax(1) == validation_y).float().mean().item()
    return {"train_loss": train_loss, "validation_accuracy": accuracy}


if __name__ == "__main__":
    torch.set_num_threads(1)
    json.dump({folder: run(folder) for folder in sys.argv[1:]}, sys.stdout)
