"""minimal_neural_network.ipynb, run with quick parameters: it runs, its pages are quiet and in the student's
voice, and every decimal its discussions print comes from the same run -- under two numerically different set-ups."""
import json
import os
import re

import nbformat
import pytest

from conftest import QUICK_PARAMS, ROOT, run_notebook
from prose_check import notebook_text, stale_decimals

NAME = "minimal_neural_network"
pytestmark = pytest.mark.slow


def outputs(path):
    nb = json.loads(path.read_text())
    return [o for c in nb["cells"] if c["cell_type"] == "code" for o in c["outputs"]]


def test_notebook_runs_and_shows_every_figure_and_the_whole_1b_answer(executed_notebook):
    path, _ = executed_notebook(NAME)
    outs = outputs(path)
    assert not [o for o in outs if o["output_type"] == "error"]
    assert not [o for o in outs if o.get("name") == "stderr"], "stderr boxes in the notebook"
    assert len([o for o in outs if "image/png" in o.get("data", {})]) >= 9  # data, 2 + 3 layers, five experiments, loss
    text = "".join("".join(o.get("text", "")) + "".join(o.get("data", {}).get("text/markdown", "")) for o in outs)
    assert "NetID: test123" in text
    for definition in ("def init_params(", "def softmax_cross_entropy(", "def three_layer_loss_and_grads(",
                       "def gradient_descent(", "def train_3_layer_network(H1=100, H2=100"):
        assert definition in text, definition


def test_pages_are_quiet(executed_notebook):
    """A few printed lines per network: the loss curves carry the detail."""
    path, _ = executed_notebook(NAME)
    printed = "".join("".join(o.get("text", "")) for o in outputs(path) if o.get("output_type") == "stream")
    assert len(printed.splitlines()) <= 25, printed


def test_pages_speak_as_the_student(executed_notebook):
    path, _ = executed_notebook(NAME)
    nb = nbformat.read(str(path), as_version=4)
    shown = []
    for cell in nb.cells:
        tags = cell.metadata.get("tags", [])
        if "remove-cell" in tags:
            continue
        if "remove-input" not in tags:
            shown.append(cell.source)
        shown += [json.dumps(o.get("data", {})) + o.get("text", "") for o in cell.get("outputs", [])]
    text = "\n".join(shown)
    for word in (r"`make|\bmake (pdf|test|bench|notebooks|results)\b", r"tests?/", r"results/", r"build/", r"\bissue\b", "papermill", r"\bJSON\b", r"\btarget\b",
                 "prose_check", "benchmarks/"):
        assert not re.search(word, text), word


def test_record_cell_is_kept_off_the_pages_and_discussions_show_only_their_text():
    nb = nbformat.read(str(ROOT / f"{NAME}.ipynb"), as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert "import helpers" in code[1].source.splitlines()[1] and code[1].source.startswith("try:")
    assert "write_json" in code[-1].source and code[-1].metadata.get("tags") == ["remove-cell"]
    for c in code:
        if "prose(" in c.source:
            assert "remove-input" in c.metadata.get("tags", []), c.id


def test_every_decimal_in_the_discussions_comes_from_the_same_run(executed_notebook):
    path, record = executed_notebook(NAME)
    assert stale_decimals(path, record) == []
    prose, _ = notebook_text(nbformat.read(str(path), as_version=4))
    assert len(re.findall(r"\d+\.\d+", prose)) > 40  # the claims are specific


def test_every_decimal_comes_from_the_same_run_in_float64_on_other_blas_kernels(tmp_path, monkeypatch):
    """Another set-up: float64 arithmetic and OpenBLAS's Haswell kernels instead of the detected ones."""
    monkeypatch.setenv("OPENBLAS_CORETYPE", "Haswell")
    monkeypatch.delenv("OPENBLAS_L2_SIZE", raising=False)
    path = run_notebook(NAME, tmp_path, **{**QUICK_PARAMS[NAME], "DTYPE": "float64"})
    record = json.loads((tmp_path / f"{NAME}.json").read_text())
    assert record["settings"]["dtype"] == "float64"
    assert stale_decimals(path, record) == []
