"""A learned loss from MetaLoss, for PyTorch training loops.

    from metaloss_mln import MetaLoss
    criterion = MetaLoss.from_file("learned-loss.json")   # written by `metaloss export`
    loss = criterion(logits, targets)                      # in place of F.cross_entropy(logits, targets)

Reads the `metaloss-mln/1` files that `metaloss export` writes and computes exactly what the C#
MetaLossNetwork (src/Training/Models/MetaLossNetwork.cs) computes: per (sample, class) element,
p = softmax(logits), a = E_prediction([p, log p]), b = E_target(y), term = E_integration([a, b]),
each E(x) = tanh(x W1 + b1) W2 + b2; the terms are summed over classes and averaged over the batch.
A file with `"progress_input": true` also needs the training progress t = step / steps in [0, 1]:
    loss = criterion(logits, targets, progress=step / steps)
and E_prediction's hidden layer is tanh(x W1 + b1 + t Wt), Wt being prediction.progress.weight.
The tests in tests/MetaLoss.Training.Tests/Interop check it against the C# network.
Needs only PyTorch (1.13 or newer) and the standard library.
"""

import json
import math
import numbers

import torch
import torch.nn.functional as F
from torch import nn

FORMAT = "metaloss-mln/1"

# The architecture's fields, in the order the file's JSON names them.
_SIZES = ("prediction_hidden", "target_hidden", "integration_channels")

# Each element function E(x) = tanh(x W1 + b1) W2 + b2 takes four tensors from the flat vector.
_FUNCTIONS = ("prediction", "target", "integration")


def _layout(prediction_hidden, target_hidden, integration_channels, progress_input=False):
    """(name, shape) of every tensor, in the order they are packed (row-major) in the flat vector.

    The progress weight comes last, as in the C# MlnArchitecture, so the other tensors do not move.
    """
    progress = [("prediction.progress.weight", (1, prediction_hidden))] if progress_input else []
    return [
        ("prediction.hidden.weight", (2, prediction_hidden)),
        ("prediction.hidden.bias", (prediction_hidden,)),
        ("prediction.out.weight", (prediction_hidden, 1)),
        ("prediction.out.bias", (1,)),
        ("target.hidden.weight", (1, target_hidden)),
        ("target.hidden.bias", (target_hidden,)),
        ("target.out.weight", (target_hidden, 1)),
        ("target.out.bias", (1,)),
        ("integration.conv1.weight", (2, integration_channels)),
        ("integration.conv1.bias", (integration_channels,)),
        ("integration.conv2.weight", (integration_channels, 1)),
        ("integration.conv2.bias", (1,)),
    ] + progress


def _count(shape):
    return math.prod(shape)


class MetaLoss(nn.Module):
    """The Meta-Loss Network as a criterion: ``criterion(logits, targets)`` returns a scalar to minimise.

    ``logits`` is ``[batch, classes]`` (any number of classes); ``targets`` is either class indices
    ``[batch]`` (an integer tensor, as for ``F.cross_entropy``) or one-hot rows ``[batch, classes]``.
    With a progress input (``criterion.progress_input``), ``criterion(logits, targets, progress=t)``
    needs the training progress t = step / steps in [0, 1]; without one, ``progress`` is ignored,
    as the C# network ignores it, so one training loop serves both kinds of file.
    The network's own weights are buffers, not parameters: an optimiser over ``model.parameters()``
    never changes the loss, and ``criterion.to(device)`` moves it with the model.
    """

    def __init__(self, prediction_hidden, target_hidden, integration_channels, parameters, progress_input=False):
        super().__init__()
        sizes = (prediction_hidden, target_hidden, integration_channels)
        for name, size in zip(_SIZES, sizes):
            if isinstance(size, bool) or not isinstance(size, int) or size <= 0:
                raise ValueError(f"architecture.{name} must be a positive integer, got {size!r}")
        if not isinstance(progress_input, bool):
            raise ValueError(f"architecture.progress_input must be true or false, got {progress_input!r}")
        layout = _layout(*sizes, progress_input)
        flat = torch.as_tensor(parameters, dtype=torch.float32).flatten()
        needed = sum(_count(shape) for _, shape in layout)
        if flat.numel() != needed:
            raise ValueError(f"parameters has {flat.numel()} values, the architecture needs {needed}")
        if not torch.isfinite(flat).all():
            raise ValueError("parameters holds a value that is not a finite float32")
        self.architecture = dict(zip(_SIZES, sizes))
        self.progress_input = progress_input
        offset = 0
        for name, shape in layout:
            length = _count(shape)
            self.register_buffer(name.replace(".", "_"), flat[offset:offset + length].reshape(shape).clone())
            offset += length

    @classmethod
    def from_file(cls, path):
        """Loads a file written by `metaloss export`; raises ValueError naming the file and the bad field."""
        path = str(path)
        with open(path, "rb") as stream:
            text = stream.read()
        try:
            # Python's json reads NaN and Infinity (not JSON): they are refused below, by field.
            document = json.loads(text)
        except (ValueError, RecursionError) as error:
            raise ValueError(f"{path}: not an MLN file (not JSON: {error})") from None
        if not isinstance(document, dict):
            raise ValueError(f"{path}: not an MLN file (expected a JSON object)")
        found = _field(path, document, "format")
        if found != FORMAT:
            raise ValueError(f"{path}: field 'format' is {found!r}, expected {FORMAT!r}")
        architecture = _field(path, document, "architecture")
        if not isinstance(architecture, dict):
            raise ValueError(f"{path}: field 'architecture' must be an object")
        sizes = []
        for name in _SIZES:
            size = _field(path, architecture, name, f"architecture.{name}")
            if isinstance(size, bool) or not isinstance(size, int) or size <= 0:
                raise ValueError(f"{path}: field 'architecture.{name}' must be a positive integer, got {size!r}")
            sizes.append(size)
        # Absent means off: `metaloss export` writes the field only when the input is on.
        progress_input = architecture.get("progress_input", False)
        if not isinstance(progress_input, bool):
            raise ValueError(f"{path}: field 'architecture.progress_input' must be true or false, got {progress_input!r}")
        parameters = _field(path, document, "parameters")
        if not isinstance(parameters, list):
            raise ValueError(f"{path}: field 'parameters' must be a list of numbers")
        needed = sum(_count(shape) for _, shape in _layout(*sizes, progress_input))
        if len(parameters) != needed:
            raise ValueError(f"{path}: field 'parameters' has {len(parameters)} values, the architecture needs {needed}")
        for index, value in enumerate(parameters):
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise ValueError(f"{path}: field 'parameters[{index}]' is {value!r}, not a number")
            if isinstance(value, int) and abs(value) >= 2 ** 128:
                raise ValueError(f"{path}: field 'parameters[{index}]' is {value!r}, not a finite float32")
        # As float32, the type the C# network holds them in: 1e39 is finite in JSON but not there.
        weights = torch.tensor([float(value) for value in parameters], dtype=torch.float64).float()
        finite = torch.isfinite(weights)
        if not finite.all():
            index = int((~finite).nonzero()[0])
            raise ValueError(f"{path}: field 'parameters[{index}]' is {parameters[index]!r}, not a finite float32")
        return cls(*sizes, weights, progress_input)

    def forward(self, logits, targets, progress=None):
        if logits.dim() != 2:
            raise ValueError(f"logits must be [batch, classes], got shape {tuple(logits.shape)}")
        batch, classes = logits.shape
        if not targets.is_floating_point():
            if targets.shape != (batch,):
                raise ValueError(f"class-index targets must be [batch] = [{batch}], got shape {tuple(targets.shape)}")
            targets = F.one_hot(targets.long(), classes)
        elif targets.shape != logits.shape:
            raise ValueError(f"one-hot targets must have the logits' shape {tuple(logits.shape)}, got {tuple(targets.shape)}")
        targets = targets.to(logits.dtype)
        shift = self._progress_shift(progress, logits.dtype) if self.progress_input else None

        # log_softmax, then exp: exact and stable, where log(softmax(x)) is -inf for a saturated class.
        log_p = F.log_softmax(logits, dim=1)
        prediction = self._element_function("prediction", torch.stack([log_p.exp(), log_p], dim=-1), shift)
        target = self._element_function("target", targets.unsqueeze(-1))
        terms = self._element_function("integration", torch.cat([prediction, target], dim=-1)).squeeze(-1)
        return terms.sum(dim=1).mean()

    def _progress_shift(self, progress, dtype):
        """t Wt, the same for every element: the prediction hidden layer's extra pre-activation."""
        if progress is None:
            raise ValueError("this MLN has a progress input: call it with progress=step / steps, a number in [0, 1]")
        if isinstance(progress, torch.Tensor):
            if progress.numel() != 1 or progress.is_complex():
                raise ValueError(f"progress must be one number in [0, 1], got a tensor of shape {tuple(progress.shape)}")
            progress = progress.item()
        if isinstance(progress, bool) or not isinstance(progress, numbers.Real):
            raise ValueError(f"progress must be a number in [0, 1], got {progress!r}")
        if not 0 <= progress <= 1:
            raise ValueError(f"progress must be in [0, 1], got {progress!r}")
        # As float32, the type the C# network takes t in.
        t = torch.tensor(float(progress), dtype=torch.float32).to(device=self.prediction_progress_weight.device, dtype=dtype)
        return t * self.prediction_progress_weight.to(dtype).reshape(-1)

    def _element_function(self, function, inputs, shift=None):
        """tanh(x W1 + b1 [+ shift]) W2 + b2 over the last dimension."""
        first, second = ("conv1", "conv2") if function == "integration" else ("hidden", "out")
        w1, b1, w2, b2 = (
            getattr(self, f"{function}_{layer}_{kind}").to(inputs.dtype)
            for layer in (first, second) for kind in ("weight", "bias")
        )
        pre_activation = inputs.matmul(w1) + b1
        if shift is not None:
            pre_activation = pre_activation + shift
        return torch.tanh(pre_activation).matmul(w2) + b2

    def extra_repr(self):
        sizes = ", ".join(f"{name}={size}" for name, size in self.architecture.items())
        return f"{sizes}, progress_input=True" if self.progress_input else sizes


def _field(path, document, name, label=None):
    if name not in document:
        raise ValueError(f"{path}: field '{label or name}' is missing")
    return document[name]
