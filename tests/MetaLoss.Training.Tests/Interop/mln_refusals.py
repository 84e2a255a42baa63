"""Tries MetaLoss.from_file on each file given and prints, per file, what happened, as JSON.

A file that loads is then called on a tiny batch without a progress, which only an MLN with a
progress input refuses.

Usage: mln_refusals.py FILE...
    -> [{"path": ..., "error": "ValueError" or null, "message": ..., "call": {"error": ..., "message": ...} or null}, ...]
"""

import json
import sys

import torch

from metaloss_mln import MetaLoss


def outcome(action):
    try:
        action()
    except Exception as error:  # the test asserts the type: anything but ValueError is a failure
        return {"error": type(error).__name__, "message": str(error)}
    return {"error": None, "message": "done"}


def attempt(path):
    loaded = []
    result = {"path": path, **outcome(lambda: loaded.append(MetaLoss.from_file(path))), "call": None}
    if loaded:
        result["call"] = outcome(lambda: loaded[0](torch.zeros(2, 3), torch.tensor([0, 2])))
    return result


if __name__ == "__main__":
    json.dump([attempt(path) for path in sys.argv[1:]], sys.stdout)
