"""minimal_neural_network.ipynb as committed: its cells are the 1(b) answer module, parameters first, fixed facts."""
import ast
import re

import nbformat

from conftest import ROOT
from discussion_check import literal_decimals
from helpers.minimal_nn import answer
from helpers.minimal_nn.export import MODULE, saved_source

NB = nbformat.read(str(ROOT / "minimal_neural_network.ipynb"), as_version=4)
CODE = "\n".join(c.source for c in NB.cells if c.cell_type == "code")
# Fixed facts the Markdown states (settings of the code), each checked against the code below.
FIXED = {"0.3": "noise=0.3", "0.8": "noise=0.8", "0.1": "step_size=0.1", "0.05": "step_size=0.05",
         "0.001": "reg=0.001", "0.003": "reg=0.003", "20,000": "num_iters=20000", "120,000": "120000",
         "2,853": "50, 50", "0.02": "<= 0.02"}


def test_the_saved_cells_define_the_answer_with_the_assignments_declaration_and_are_the_module():
    """Catches: the answer moved out of the notebook, its declaration changed, or a #@save cell not exported."""
    assert MODULE.read_text() == saved_source(), "run: python helpers/minimal_nn/export.py"
    saved = [c.source for c in NB.cells if c.cell_type == "code" and c.source.startswith("#@save")]
    defs = {n.name: n for s in saved for n in ast.parse(s).body if isinstance(n, (ast.FunctionDef, ast.ClassDef))}
    assert {"make_spiral", "init_params", "two_layer_loss_and_grads", "three_layer_loss_and_grads", "train_network",
            "train_2_layer_network", "train_3_layer_network"} <= set(defs)
    assert any("def train_3_layer_network(H1=100, H2=100" in s for s in saved)
    assert "import helpers" not in "\n".join(saved) and "from helpers" not in "\n".join(saved)


def test_parameters_cell_is_first_with_netid_first_and_one_line_each():
    """Catches: a second parameters cell, NETID not on the first line, a parameter spread over lines."""
    first = NB.cells[0]
    assert first.cell_type == "code" and first.metadata.get("tags") == ["parameters"]
    lines = first.source.splitlines()
    assert lines[0].startswith("NETID = ")
    assert all(re.fullmatch(r"[A-Z_]+ = \S.*  # .+", l) for l in lines), lines
    assert sum("parameters" in c.metadata.get("tags", []) for c in NB.cells) == 1
    checks = NB.cells[1].source
    for line in lines:
        assert f'"{line.split()[0]}"' in checks, f"{line.split()[0]} is not checked in the second cell"


def test_discussions_type_in_only_fixed_facts_that_match_the_code_and_are_not_built_by_code():
    """Catches: a run's number typed into a discussion, a stated setting the code lacks, prose() back in code."""
    assert literal_decimals(NB, FIXED) == []
    for fact, setting in FIXED.items():
        assert setting in CODE or setting in MODULE.read_text(), (fact, setting)
    assert not re.search(r"\b(prose|either)\(", CODE)


def test_the_1c_table_states_each_networks_architecture_and_parameter_count_as_the_code_trains_it():
    """Catches: a parameter count in the 1(c) table not the stated network's, or other hidden sizes in the code."""
    table = next(c.source for c in NB.cells if c.cell_type == "markdown" and "| network | what changes" in c.source)
    rows = re.findall(r"^\| \((c\d)\) ([23])-layer, \$H_1 = (?:H_2 = )?(\d+)\$ \|.*\| ([\d,]+) \|$", table, re.M)
    assert [r[0] for r in rows] == ["c1", "c2", "c3", "c4", "c5"]
    for name, layers, width, count in rows:
        sizes = [2] + [int(width)] * (int(layers) - 1) + [3]
        params = answer.init_params(sizes)
        assert sum(v.size for v in params.values()) == int(count.replace(",", "")), name
        hidden = ", ".join([width] * (int(layers) - 1))
        assert re.search(rf"^{name} = experiment\(train_{layers}_layer_network, {hidden}\b", CODE, re.M), name
