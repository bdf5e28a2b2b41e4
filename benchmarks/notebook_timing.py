"""One papermill run of a notebook into a temporary folder, timed (used by both bench sections)."""
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def time_notebook(name, quick=False, **params):
    """Run ``name``.ipynb (quick: the tests' small parameters; ``params`` on top) and return
    ``(timing, record)``: wall and papermill seconds, and the JSON record the notebook wrote (or None)."""
    values = {}
    if quick:
        sys.path.insert(0, str(ROOT / "tests"))
        from conftest import QUICK_PARAMS
        values.update(QUICK_PARAMS[name])
    values.update(params)
    with tempfile.TemporaryDirectory() as tmp:
        cmd = [str(ROOT / ".venv/bin/papermill"), "--log-level", "WARNING", "--no-progress-bar", "-k", "python3",
               "--cwd", str(ROOT), "-p", "OUTPUT_DIR", tmp]
        for k, v in values.items():
            cmd += ["-y", json.dumps({k: v})]
        cmd += [str(ROOT / f"{name}.ipynb"), f"{tmp}/{name}.ipynb"]
        env = {**os.environ, "IPYTHONDIR": str(ROOT / "etc/ipython"), "TF_CPP_MIN_LOG_LEVEL": "2"}
        tick = time.perf_counter()
        subprocess.run(cmd, check=True, env=env, stderr=subprocess.DEVNULL)
        wall = time.perf_counter() - tick
        executed = json.loads(Path(f"{tmp}/{name}.ipynb").read_text())
        record_path = Path(f"{tmp}/{name}.json")
        record = json.loads(record_path.read_text()) if record_path.exists() else None
    # papermill's own record: from the first cell's start to the last cell's end
    timing = {"seconds": wall, "params": "quick" if quick else "full",
              "notebook_seconds": executed["metadata"]["papermill"]["duration"]}
    return timing, record
