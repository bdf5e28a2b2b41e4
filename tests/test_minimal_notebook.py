"""minimal_neural_network.ipynb: full runs on two arithmetics, the committed record, bad parameters, false claims,
the region measures its 1(c) discussions quote."""
import json
import os
import time

import nbformat
import numpy as np
import pytest

from conftest import NETID, ROOT, load_record, run_notebook
from discussion_check import flagged, literal_decimals, unresolved
from helpers.minimal_nn.plots import islands, region_facts
import run_notebook as rn
from run_notebook import NotebookError
from test_minimal_answer import FIXED

NAME = "minimal_neural_network"
SETUPS = {"default": ({}, {}),  # (parameters, environment changes, None unsets): float32, the detected BLAS kernels
          "float64, other BLAS kernels": ({"DTYPE": "float64"},
                                          {"OPENBLAS_L2_SIZE": None, "OPENBLAS_CORETYPE": "Haswell"})}


@pytest.mark.slow
@pytest.mark.parametrize("setup", sorted(SETUPS))
def test_full_run_every_claim_holds(setup, tmp_path):
    """Catches: a claim that depends on the last bits of the arithmetic, an {eval} that does not resolve."""
    params, env = SETUPS[setup]
    env = {k: v for k, v in {**os.environ, **env}.items() if v is not None}
    nb = nbformat.read(str(run_notebook(NAME, tmp_path, env=env, NETID=NETID, **params)), as_version=4)
    record = json.loads((tmp_path / f"{NAME}.json").read_text())
    assert record["settings"]["dtype"] == params.get("DTYPE", "float32") and len(record["claims"]) >= 15
    assert unresolved(nb) + flagged(nb) + [k for k, r in record["claims"].items() if not r["holds"]] == []
    assert nb.cells[0].source.startswith(f"NETID = '{NETID}'")
    assert not [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.get("output_type") == "error"]


def test_the_committed_record_holds_every_claim():
    """Catches: results/ written from a run in which some claim failed."""
    record = load_record(NAME)
    assert record["claims"] and all(r["holds"] for r in record["claims"].values()), record["claims"]


BAD = {"NUM_ITERS": [-3, "abc", 2.5, True], "HELD_OUT_PER_CLASS": [0], "DTYPE": ["float16"],
       "NETID": ["a b", "x/y"], "OUTPUT_DIR": [""]}


@pytest.mark.slow
@pytest.mark.parametrize("name, value", [(k, v) for k, vs in BAD.items() for v in vs])
def test_bad_parameter_stops_at_once_naming_it(name, value, tmp_path):
    """Catches: a parameter checked only where it is used (after training) or not at all."""
    start = time.time()
    with pytest.raises(NotebookError, match=rf"ValueError: {name} must be"):
        rn.run_notebook(ROOT / f"{NAME}.ipynb", tmp_path / f"{NAME}.ipynb", {"NETID": NETID, name: value})
    assert time.time() - start < 20


def test_a_false_claim_and_a_typed_in_decimal_are_caught(tmp_path):
    """Catches: a checker that lets a contradicted claim or a number from another run through."""
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell("OUTPUT_DIR = 'x'  # unused", metadata={"tags": ["parameters"]}),
        nbformat.v4.new_code_cell("from helpers.report import Claims\nclaims = Claims()\n"
                                  "claims.check('a beats b', 0.7 > 0.8, '0.7 vs 0.8')"),
        nbformat.v4.new_markdown_cell("A beats b{eval}`claims.flag('a beats b')`, with 0.97 typed in.")])
    source = tmp_path / "false.ipynb"
    nbformat.write(nb, source)
    out = rn.run_notebook(source, tmp_path / "out" / "false.ipynb", {}, env={**os.environ, "PYTHONPATH": str(ROOT)})
    executed = nbformat.read(str(out), as_version=4)
    assert unresolved(executed) == []
    assert flagged(executed) and "0.7 vs 0.8" in flagged(executed)[0][1]
    assert literal_decimals(nb, FIXED) == [(2, "0.97")]


def test_region_facts_find_an_island_an_edge_region_and_an_empty_one():
    """Catches: an island counted as touching the edge, points counted from another class or at swapped axes."""
    Z = np.zeros((20, 30), dtype=int)
    Z[5:8, 10:14] = 1  # closed island of class 1: rows 5-7 (y), columns 10-13 (x)
    Z[:, 25:] = 2  # a band of class 2 along the right edge
    Z[15:18, 2:5] = 1  # a second island of class 1 without a training point of class 1
    h, x0, y0 = 0.1, -1.0, -2.0
    X = np.array([[x0 + 11 * h, y0 + 6 * h],  # class 1, inside the first island
                  [x0 + 26 * h, y0 + 3 * h],  # class 2, in the band
                  [x0 + 3 * h, y0 + 16 * h]])  # class 0 inside the second island: not its class
    y = np.array([1, 2, 0])
    facts = region_facts(Z, X, y, x0, y0, h=h)
    regions = sorted((f["class"], f["edge"], f["points"]) for f in facts)  # each class's regions, counted
    assert regions == [(0, True, 0), (1, False, 0), (1, False, 1), (2, True, 1)]
    assert [(f["class"], f["points"]) for f in islands(facts)] == [(1, 1)]
    assert abs(sum(f["area"] for f in facts) - Z.size * h * h) < 1e-9
