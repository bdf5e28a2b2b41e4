"""Run autoencoder.ipynb for the tests through the project's runner (scripts/run_notebook.py)."""
import json
import sys

import pytest

from conftest import NETID, ROOT

NOTEBOOK = ROOT / "autoencoder.ipynb"


def run_autoencoder(out_dir, params, env=None):
    """Execute the notebook with ``params`` into ``out_dir``; return ``(executed notebook dict, record dict)``.

    A failing cell raises the runner's error (with ``ename`` and ``evalue``).
    """
    sys.path.append(str(ROOT / "scripts"))
    import run_notebook as runner

    if not hasattr(runner, "run_notebook"):
        pytest.skip("scripts/run_notebook.py has no run_notebook(source, output, params, env) yet")
    out = out_dir / "autoencoder.ipynb"
    out.parent.mkdir(parents=True, exist_ok=True)
    runner.run_notebook(NOTEBOOK, out, {"NETID": NETID, "OUTPUT_DIR": str(out_dir), **params}, env=env)
    return json.loads(out.read_text()), json.loads((out_dir / "autoencoder.json").read_text())
