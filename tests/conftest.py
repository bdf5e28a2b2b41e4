"""Shared test fixtures: run the notebooks once per session with quick parameters."""
import functools
import json
import os
import sys
from pathlib import Path

import pytest

from ci_no_skips import pytest_sessionfinish  # noqa: F401 (hook: under CI a skipped test fails the run)

ROOT = Path(__file__).resolve().parents[1]
# the kernel configuration, independent of the venv's copy (which only tests/test_platform.py checks)
os.environ.setdefault("IPYTHONDIR", str(ROOT / "etc" / "ipython"))
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

NETID = "test123"
# Small settings so each notebook runs in well under a minute; the full run is `make`.
QUICK_PARAMS = {"minimal_neural_network": {"NETID": NETID, "NUM_ITERS": 300},
                "autoencoder": {"NETID": NETID, "TRAIN_SUBSET": 2000, "EPOCHS_SHALLOW": 2, "EPOCHS_DEEP": 2,
                                "EPOCHS_DENOISE": 2, "EPOCHS_SWEEP": 2, "CODE_SIZES": [4, 32],
                                "STARTER_EPOCHS": {"shallow": 1, "deep": 1, "denoise": 1}}}

sys.path.insert(0, str(ROOT / "scripts"))
from run_notebook import run_notebook as _run  # noqa: E402  (the runner `make` uses)


def run_notebook(name, out_dir, env=None, **params):
    """Execute ``<name>.ipynb`` into ``out_dir`` (also its ``OUTPUT_DIR``); return the executed notebook's path."""
    out_dir = Path(out_dir)  # made by the runner (its .running/ folder), before the kernel starts
    return _run(ROOT / f"{name}.ipynb", out_dir / f"{name}.ipynb", {**params, "OUTPUT_DIR": str(out_dir)}, env=env)


def load_record(name, folder=ROOT / "results"):
    """The JSON record ``<folder>/<name>.json`` (default: the committed full run's)."""
    return json.loads((Path(folder) / f"{name}.json").read_text())


@pytest.fixture(scope="session")
def executed_notebook(tmp_path_factory):
    """``executed_notebook(name)`` -> (executed .ipynb path, metrics dict); each notebook runs once a session."""
    @functools.cache
    def get(name):
        out_dir = tmp_path_factory.mktemp(name)
        return run_notebook(name, out_dir, **QUICK_PARAMS[name]), load_record(name, out_dir)

    return get
