"""One timed run of a notebook into a temporary folder, with the bundle's runner (both bench sections)."""
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
from run_notebook import run_notebook  # noqa: E402  (the runner `make` and the tests use)


def time_notebook(name, quick=False):
    """Run ``name``.ipynb (quick: the tests' QUICK_PARAMS) -> (timing, the JSON record it wrote or None)."""
    params = {}
    if quick:
        sys.path.insert(0, str(ROOT / "tests"))
        from conftest import QUICK_PARAMS
        params = QUICK_PARAMS[name]
    with tempfile.TemporaryDirectory() as tmp:
        tick = time.perf_counter()
        out = run_notebook(ROOT / f"{name}.ipynb", Path(tmp) / f"{name}.ipynb", {**params, "OUTPUT_DIR": tmp})
        wall = time.perf_counter() - tick
        record_path = Path(tmp) / f"{name}.json"
        record = json.loads(record_path.read_text()) if record_path.exists() else None
        seconds = json.loads(out.read_text())["metadata"]["papermill"]["duration"]  # first cell's start to last's end
    return {"seconds": wall, "params": "quick" if quick else "full", "notebook_seconds": seconds}, record
