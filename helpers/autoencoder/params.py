"""The notebook's parameters, checked before anything is loaded or trained."""
import json
import numbers
import re
from pathlib import Path

LOSSES = ("mse", "binary_crossentropy")
LR_SCHEDULES = ("cosine", "constant")
MODELS = ("shallow", "deep", "denoise")
SETTING_KEYS = ("batch_size", "learning_rate", "warmup_epochs")
MIN_TRAIN_SUBSET = 1000  # a validation split of >= 100 images and full mini-batches
NOTEBOOK = Path(__file__).resolve().parents[2] / "autoencoder.ipynb"


class ParameterError(ValueError):
    """A notebook parameter out of range; in IPython it shows as its one line, without a traceback."""

    def _render_traceback_(self):
        return [f"ParameterError: {self}"]


def notebook_defaults():
    """The committed notebook's parameters: its first cell, plain assignments of literals."""
    values = {}
    exec("".join(json.loads(NOTEBOOK.read_text())["cells"][0]["source"]), {}, values)
    return values


def _int(value, lo, hi=float("inf")):
    return isinstance(value, numbers.Integral) and not isinstance(value, bool) and lo <= value <= hi


def _number(value, lo, hi, lo_open=False):  # NaN fails every comparison
    return (isinstance(value, numbers.Real) and not isinstance(value, bool)
            and (lo < value if lo_open else lo <= value) and value <= hi)


def check_parameters(p):
    """Raise :class:`ParameterError` ``"NAME must be ..., got VALUE"`` for the first of ``p`` out of range."""
    def need(ok, name, accepts):
        if not ok:
            raise ParameterError(f"{name} must be {accepts}, got {p.get(name)!r}")

    need(isinstance(p.get("NETID"), str) and re.fullmatch(r"[A-Za-z0-9._-]+", p["NETID"]) is not None, "NETID",
         "your NetID: letters, digits, '.', '_' or '-' only")
    need(p.get("TRAIN_SUBSET") is None or _int(p.get("TRAIN_SUBSET"), MIN_TRAIN_SUBSET, 60000), "TRAIN_SUBSET",
         f"None (all 60,000 training images) or an integer from {MIN_TRAIN_SUBSET:,} to 60,000")
    need(_number(p.get("VALIDATION_FRACTION"), 0, 0.5, lo_open=True), "VALIDATION_FRACTION", "a number in (0, 0.5]")
    starter = p.get("STARTER_EPOCHS")
    need(isinstance(starter, dict) and set(starter) == set(MODELS) and all(_int(v, 1) for v in starter.values()),
         "STARTER_EPOCHS", 'a dict {"shallow": n, "deep": n, "denoise": n} of integers >= 1')
    need(p.get("LOSS") in LOSSES, "LOSS", f"one of {', '.join(map(repr, LOSSES))}")
    need(p.get("LR_SCHEDULE") in LR_SCHEDULES, "LR_SCHEDULE", f"one of {', '.join(map(repr, LR_SCHEDULES))}")
    for model in MODELS:
        epochs = f"EPOCHS_{model.upper()}"
        need(_int(p.get(epochs), 1), epochs, "an integer >= 1")
        name, s = f"{model.upper()}_SETTINGS", p.get(f"{model.upper()}_SETTINGS")
        need(isinstance(s, dict) and set(s) == set(SETTING_KEYS) and _int(s["batch_size"], 1)
             and _number(s["learning_rate"], 0, 1, lo_open=True) and _number(s["warmup_epochs"], 0, float("inf")),
             name, 'a dict {"batch_size": int >= 1, "learning_rate": number in (0, 1], "warmup_epochs": number >= 0}')
        need(p["LR_SCHEDULE"] == "cosine" or s["warmup_epochs"] == 0, name,
             'warmup_epochs 0 with LR_SCHEDULE "constant" (a warm-up needs "cosine")')
    need(_int(p.get("EPOCHS_SWEEP"), 1), "EPOCHS_SWEEP", "an integer >= 1")
    sizes = p.get("CODE_SIZES")
    need(isinstance(sizes, (list, tuple)) and len(sizes) > 0 and all(_int(c, 1, 784) for c in sizes)
         and all(a < b for a, b in zip(sizes, sizes[1:])), "CODE_SIZES",
         "a non-empty list of increasing integers from 1 to 784")
    need(_number(p.get("NOISE_FACTOR"), 0, 1), "NOISE_FACTOR", "a number from 0 to 1")
    need(_int(p.get("EXAMPLES_PER_CLASS"), 1, 10), "EXAMPLES_PER_CLASS", "an integer from 1 to 10")
    need(_int(p.get("SEED"), 0), "SEED", "an integer >= 0")
    need(isinstance(p.get("OUTPUT_DIR"), str) and p["OUTPUT_DIR"].strip() != "", "OUTPUT_DIR", "a folder name")
