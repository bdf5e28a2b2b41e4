"""The notebook runner (scripts/run_notebook.py) and the discussion checks, on small synthetic notebooks.

Each test names the wrong runner it catches.
"""
import re
import time

import nbformat
import pytest

from conftest import ROOT
from discussion_check import flagged, literal_decimals, unresolved
from run_notebook import NotebookError, run_notebook, set_parameters

v4 = nbformat.v4


def notebook(path, *cells, params='NETID = "your-netid"  # your NetID\nN = 3  # how many'):
    first = v4.new_code_cell(params)
    first.metadata["tags"] = ["parameters"]
    setup = v4.new_code_cell(f"import sys\nsys.path.insert(0, {str(ROOT)!r})\n"
                             "from helpers.report import Claims, Num, Shown\nclaims = Claims()")
    nb = v4.new_notebook()
    nb.cells = [first, setup, *cells]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, str(path))
    return path


def test_parameters_are_written_into_the_first_cell_with_their_comments(tmp_path):
    """Catches papermill's injected second parameters cell, or a rewrite that drops the comments."""
    src = notebook(tmp_path / "p.ipynb", v4.new_code_cell("print(NETID, N)"))
    out = nbformat.read(str(run_notebook(src, tmp_path / "out" / "p.ipynb", {"NETID": "ab123", "N": [4, 8]})), 4)
    assert out.cells[0].source == "NETID = 'ab123'  # your NetID\nN = [4, 8]  # how many"
    assert sum(bool(re.search(r"^NETID\s*=", c.source, re.M)) for c in out.cells if c.cell_type == "code") == 1
    assert out.cells[2].outputs[0]["text"] == "ab123 [4, 8]\n"


def test_unknown_parameter_is_refused_before_any_kernel_starts(tmp_path):
    """Catches a runner that passes an unknown name on (papermill only warns) or starts a kernel first."""
    src = notebook(tmp_path / "p.ipynb")
    t0 = time.time()
    with pytest.raises(NotebookError, match=r"unknown notebook parameter EPOCS: the parameters are NETID, N"):
        run_notebook(src, tmp_path / "out" / "p.ipynb", {"EPOCS": 3})
    assert time.time() - t0 < 2
    assert not (tmp_path / "out" / "p.ipynb").exists()


def test_a_parameter_that_is_not_one_line_is_refused():
    nb = v4.new_notebook()
    nb.cells = [v4.new_code_cell("X = 1")]
    with pytest.raises(NotebookError, match="first cell is not the parameters cell"):
        set_parameters(nb, {"X": 2})


def test_eval_roles_show_the_runs_values_in_plain_markdown(tmp_path):
    """Catches {eval} left unresolved, a str shown with its quotes, or a value from before its cell."""
    src = notebook(tmp_path / "e.ipynb",
                   v4.new_code_cell("acc = Num(0.98765, '.3f')\nname = Shown('T-shirt')\nword = 'plain'"),
                   v4.new_markdown_cell("Accuracy {eval}`acc` for {eval}`name` and {eval}`word`, N = {eval}`N`."),
                   v4.new_code_cell("acc = Num(0.5, '.1f')"),
                   v4.new_markdown_cell("Later {eval}`acc`."))
    out = nbformat.read(str(run_notebook(src, tmp_path / "out" / "e.ipynb", {"N": 7})), 4)
    assert out.cells[3].source == "Accuracy 0.988 for T-shirt and plain, N = 7."
    assert out.cells[5].source == "Later 0.5."
    assert unresolved(out) == [] and unresolved(nbformat.read(str(src), 4)) != []
    assert "user_expressions" not in out.cells[3].metadata


def test_a_failing_eval_stops_the_run_and_names_the_expression(tmp_path):
    """Catches a runner that writes an error text onto the page instead of failing."""
    src = notebook(tmp_path / "f.ipynb", v4.new_markdown_cell("Gap {eval}`gap_c9` points."))
    with pytest.raises(NotebookError, match=r"cell 2: \{eval\}`gap_c9` failed: NameError"):
        run_notebook(src, tmp_path / "out" / "f.ipynb")
    assert not (tmp_path / "out" / "f.ipynb").exists()


def test_a_false_claim_is_flagged_beside_its_sentence(tmp_path):
    """Catches a Claims.flag that hides a contradicted claim (the tests read flagged() to fail the run)."""
    src = notebook(tmp_path / "c.ipynb",
                   v4.new_code_cell("claims.check('big', 2 > 3, '2 vs 3')\nclaims.check('ok', True)"),
                   v4.new_markdown_cell("Two is bigger.{eval}`claims.flag('big')` Fine.{eval}`claims.flag('ok')`"))
    out = nbformat.read(str(run_notebook(src, tmp_path / "out" / "c.ipynb")), 4)
    assert out.cells[3].source == "Two is bigger. **[Not so in this run: 2 vs 3.]** Fine."
    assert flagged(out) == [(3, "[Not so in this run: 2 vs 3.]")]


def test_a_typed_in_decimal_is_found_but_math_code_and_fixed_facts_are_not():
    """Catches a discussion that types a run's number instead of {eval} (the check must see it)."""
    nb = v4.new_notebook()
    nb.cells = [v4.new_markdown_cell("Held-out 0.884 and {eval}`x`; step $0.5$, `lr = 0.01`, "
                                     "noise 0.6, 2,853 parameters.")]
    assert literal_decimals(nb, allowed={"0.6"}) == [(0, "0.884"), (0, "2,853")]


def test_explorer_outputs_and_widget_state_are_not_kept(tmp_path):
    """Catches an executed copy that carries widget views (a grader without a kernel sees an error)."""
    explore = v4.new_code_cell("import ipywidgets\nipywidgets.IntSlider(3)")
    explore.metadata["tags"] = ["explore"]
    src = notebook(tmp_path / "w.ipynb", explore)
    out = nbformat.read(str(run_notebook(src, tmp_path / "out" / "w.ipynb")), 4)
    assert out.cells[2].outputs == [] and "widgets" not in out.metadata


def test_progress_names_each_section_with_the_time(tmp_path, capsys):
    """Catches a silent run: one line per section when the output is not a terminal."""
    src = notebook(tmp_path / "s.ipynb", v4.new_markdown_cell("## Shallow $x$ autoencoder\ntext"),
                   v4.new_code_cell("1"), v4.new_markdown_cell("## Deep one"))
    run_notebook(src, tmp_path / "out" / "s.ipynb", progress=True)
    lines = [line for line in capsys.readouterr().out.splitlines() if "] s:" in line]
    assert [line.split("] ")[1] for line in lines] == ["s: Shallow x autoencoder", "s: Deep one"]
    assert all(line.strip().startswith("[") and " s]" in line for line in lines)
