"""The runner (scripts/run_notebook.py) and the discussion checks on synthetic notebooks; each test names its catch."""
import re
import time

import nbformat
import pytest

from conftest import ROOT
from discussion_check import flagged, literal_decimals, unresolved
from run_notebook import NotebookError, run_notebook

v4 = nbformat.v4


def notebook(path, *cells, tags=("parameters",)):
    first = v4.new_code_cell('NETID = "your-netid"  # your NetID\nN = 3  # how many', metadata={"tags": list(tags)})
    setup = v4.new_code_cell(f"import sys\nsys.path.insert(0, {str(ROOT)!r})\n"
                             "from helpers.report import Claims, Num, Shown\nclaims = Claims()")
    nbformat.write(v4.new_notebook(cells=[first, setup, *cells]), str(path))
    return path


def test_a_run_writes_parameters_and_evals_flags_claims_drops_explorers_and_reports_sections(tmp_path, capsys):
    """Catches papermill's second parameters cell or lost comments; {eval} unresolved, quoted or stale; a hidden
    contradicted claim; widget views kept (no kernel: an error); a silent run (a line per section off a terminal)."""
    explore = v4.new_code_cell("import ipywidgets\nipywidgets.IntSlider(3)")
    explore.metadata["tags"] = ["explore"]
    src = notebook(tmp_path / "nb.ipynb",
                   v4.new_code_cell("print(NETID, N)\nacc = Num(0.98765, '.3f')\n"
                                    "name = Shown('T-shirt')\nword = 'plain'"),
                   v4.new_markdown_cell("## Shallow $x$ autoencoder\n"
                                        "Accuracy {eval}`acc` for {eval}`name` and {eval}`word`, N = {eval}`N`."),
                   v4.new_code_cell("acc = Num(0.5, '.1f')\n"
                                    "claims.check('big', 2 > 3, '2 vs 3')\nclaims.check('ok', True)"),
                   v4.new_markdown_cell("## Deep one\nLater {eval}`acc`. "
                                        "Two is bigger.{eval}`claims.flag('big')` Fine.{eval}`claims.flag('ok')`"),
                   explore)
    params = {"NETID": "ab123", "N": [4, 8]}
    out = nbformat.read(str(run_notebook(src, tmp_path / "out" / "nb.ipynb", params, progress=True)), 4)
    assert out.cells[0].source == "NETID = 'ab123'  # your NetID\nN = [4, 8]  # how many"
    assert sum(bool(re.search(r"^NETID\s*=", c.source, re.M)) for c in out.cells if c.cell_type == "code") == 1
    assert out.cells[2].outputs[0]["text"] == "ab123 [4, 8]\n"
    assert out.cells[3].source == "## Shallow $x$ autoencoder\nAccuracy 0.988 for T-shirt and plain, N = [4, 8]."
    assert out.cells[5].source == "## Deep one\nLater 0.5. Two is bigger. **[Not so in this run: 2 vs 3.]** Fine."
    assert unresolved(out) == [] and unresolved(nbformat.read(str(src), 4)) != []
    assert "user_expressions" not in out.cells[3].metadata
    assert flagged(out) == [(5, "[Not so in this run: 2 vs 3.]")]
    assert out.cells[6].outputs == [] and "widgets" not in out.metadata
    lines = [line for line in capsys.readouterr().out.splitlines() if "] nb:" in line]
    assert [line.split("] ")[1] for line in lines] == ["nb: Shallow x autoencoder", "nb: Deep one"]
    assert all(line.strip().startswith("[") and " s]" in line for line in lines)


@pytest.mark.parametrize("tags, params, match", [
    (["parameters"], {"EPOCS": 3}, r"unknown notebook parameter EPOCS: the parameters are NETID, N"),
    ([], {"N": 4}, "the first cell is not the parameters cell")])
def test_a_bad_parameter_is_refused_before_any_kernel_starts(tmp_path, tags, params, match):
    """Catches an unknown name passed on (papermill only warns), an untagged first cell set, a kernel started first."""
    src = notebook(tmp_path / "p.ipynb", tags=tags)
    t0 = time.time()
    with pytest.raises(NotebookError, match=match):
        run_notebook(src, tmp_path / "out" / "p.ipynb", params)
    assert time.time() - t0 < 2
    assert not (tmp_path / "out" / "p.ipynb").exists()


def test_a_failing_eval_stops_the_run_and_names_the_expression(tmp_path):
    """Catches a runner that writes an error text onto the page instead of failing."""
    src = notebook(tmp_path / "f.ipynb", v4.new_markdown_cell("Gap {eval}`gap_c9` points."))
    with pytest.raises(NotebookError, match=r"cell 2: \{eval\}`gap_c9` failed: NameError"):
        run_notebook(src, tmp_path / "out" / "f.ipynb")
    assert not (tmp_path / "out" / "f.ipynb").exists()


def test_a_typed_in_decimal_is_found_but_math_code_and_fixed_facts_are_not():
    """Catches a discussion that types a run's number instead of {eval} (the check must see it)."""
    nb = v4.new_notebook(cells=[v4.new_markdown_cell("Held-out 0.884 and {eval}`x`; step $0.5$, `lr = 0.01`, "
                                                     "noise 0.6, 2,853 parameters.")])
    assert literal_decimals(nb, allowed={"0.6"}) == [(0, "0.884"), (0, "2,853")]
