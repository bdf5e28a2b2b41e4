"""autoencoder.ipynb: the committed notebook's structure, and quick runs whose prose is that run's own numbers."""
import json
import os
import re

import pytest

from conftest import QUICK_PARAMS, ROOT, run_notebook
from prose_check import stale_decimals

NOTEBOOK = ROOT / "autoencoder.ipynb"
SECTIONS = ["Autoencoders", "Problem 2 (a) Gradients for a simple autoencoder (5 points)",
            "Problem 2 (b) Run on Fashion MNIST (15 points)", "Utility functions", "Read the data",
            "Shallow autoencoder", "Discussion of above results", "Deep Autoencoder", "Discussion of above results",
            "Denoising autoencoder", "Discussion of above results", "Problem 2 (c)"]
# A student's answer does not talk about the project's machinery (the word "target" is fine: autoencoders have one).
WORKSHOP = re.compile(r"`make|\bmake (data|test|bench|pdf|results)\b|\bissue\b|results/|build/|papermill|\.json"
                      r"|test suite|the tests\b|tests/|budget|target of", re.I)
GUARD = ('try:\n    import helpers\nexcept ModuleNotFoundError:\n    raise SystemExit("This notebook needs the helpers/ '
         'folder that comes with it')


def _cells(path=NOTEBOOK):
    return json.loads(path.read_text())["cells"]


def _source(cell):
    return "".join(cell["source"])


def _tags(cell):
    return cell["metadata"].get("tags", [])


def test_committed_notebook_structure():
    cells = _cells()
    assert "parameters" in _tags(cells[0]) and re.search(r'^OUTPUT_DIR = "build"', _source(cells[0]), re.M)
    for name in QUICK_PARAMS["autoencoder"]:
        assert re.search(rf"^{name} = ", _source(cells[0]), re.M), name
    assert re.search(r"^FAST_TRAINING = True", _source(cells[0]), re.M)
    assert _source(cells[1]).startswith(GUARD) and "NETID" in _source(cells[1])
    headings = [line.lstrip("#").strip() for c in cells if c["cell_type"] == "markdown"
                for line in _source(c).splitlines() if re.match(r"^#{1,2} ", line)]
    it = iter(headings)
    assert all(any(h == s for h in it) for s in SECTIONS), headings  # in this order
    code = "\n".join(_source(c) for c in cells if c["cell_type"] == "code")
    assert "(x_train, y_train), (x_test, y_test) = fashion_mnist.load_data()" in code.splitlines()
    assert "mnist," not in code and "import mnist" not in code and "from keras.datasets import fashion_mnist" in code
    assert len(set(c["id"] for c in cells)) == len(cells)


def test_discussions_are_rendered_from_the_run_and_the_record_cell_is_hidden():
    cells = _cells()
    prose_cells = [c for c in cells if "prose(" in _source(c)]
    assert len(prose_cells) == 4 and all(_tags(c) == ["remove-input"] for c in prose_cells)
    assert all("either(" in _source(c) for c in prose_cells)  # claims are checked on the run's numbers
    last = cells[-1]
    assert _tags(last) == ["remove-cell"] and "write_json(record" in _source(last)
    # each model section: the starter's run on model.fit, then ours
    code = "\n".join(_source(c) for c in cells if c["cell_type"] == "code")
    for model in ("shallow", "deep", "denoise"):
        assert re.search(rf'epochs=STARTER_EPOCHS\["{model}"\],\s+fast=False, \*\*STARTER\)', code), model
        assert f"{model} = run_autoencoder(" in code


def test_student_voice():
    cells = _cells()
    text = "\n".join(_source(c) for c in cells if c["cell_type"] == "markdown" or "prose(" in _source(c))
    assert not WORKSHOP.findall(text), WORKSHOP.findall(text)


# --- quick runs under two numerically different set-ups ---------------------------------------
def _check_run(path, record):
    cells = json.loads(path.read_text())["cells"]
    images = 0
    for c in cells:
        for out in c.get("outputs", []):
            assert out["output_type"] != "error", out
            text = json.dumps(out, ensure_ascii=False)
            assert "━" not in text and "retracing" not in text and "Epoch 1/" not in text
            images += "image/png" in out.get("data", {})
        lines = sum(len("".join(o.get("text", "")).splitlines()) for o in c.get("outputs", []) if "text" in o)
        assert lines <= 10, (c["id"], lines)  # a line per trained model, not per epoch
    assert images >= 18
    assert stale_decimals(path, record) == []
    for key in ("shallow", "shallow_starter", "deep", "deep_starter", "denoise", "denoise_starter"):
        m = record["models"][key]
        assert m["path"] == ("fit" if key.endswith("starter") else "fast")
        assert m["test"]["sse_per_image"] == pytest.approx(784 * m["test"]["mse_per_pixel"])
        assert len(m["history"]["loss"]) == m["epochs_run"] == m["epochs"]
    assert [r["code_size"] for r in record["sweep"]["runs"]] == QUICK_PARAMS["autoencoder"]["CODE_SIZES"]
    assert set(record["prose"]) == {"shallow", "deep", "denoise", "sweep"}
    assert record["netid"] == QUICK_PARAMS["autoencoder"]["NETID"]


@pytest.mark.slow
def test_quick_run_default(executed_notebook):
    _check_run(*executed_notebook("autoencoder"))


@pytest.mark.slow
def test_quick_run_without_onednn_and_openblas_tuning(tmp_path, monkeypatch):
    """Another CPU's arithmetic, cheaply: oneDNN off, OpenBLAS's core type and cache size unset."""
    monkeypatch.setenv("TF_ENABLE_ONEDNN_OPTS", "0")
    for var in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE"):
        monkeypatch.delenv(var, raising=False)
    path = run_notebook("autoencoder", tmp_path, **QUICK_PARAMS["autoencoder"])
    _check_run(path, json.loads((tmp_path / "autoencoder.json").read_text()))
    assert os.environ["TF_ENABLE_ONEDNN_OPTS"] == "0"
