"""Tries MetaLoss.from_file on each file given and prints, per file, what happened, as JSON.

Usage: mln_refusals.py FILE... -> [{"path": ..., "error": "ValueError" or null, "message": ...}, ...]
"""

import json
import sys

from metaloss_mln import MetaLoss


def attempt(path):
    try:
        MetaLoss.from_file(path)
    except Exception as error:  # the test asserts the type: anything but ValueError is a failure
        return {"path": path, "error": type(error).__name__, "message": str(error)}
    return {"path": path, "error": None, "message": "loaded"}


if __name__ == "__main__":
    json.dump([attempt(path) for path in sys.argv[1:]], sys.stdout)
