"""The committed notebooks: clean sources, parameters first, no placeholder text."""
import json

import pytest

from conftest import ROOT

NOTEBOOKS = ["minimal_neural_network", "autoencoder"]


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_committed_notebook_has_no_outputs_and_starts_with_tagged_parameters(name):
    nb = json.loads((ROOT / f"{name}.ipynb").read_text())
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    assert all(not c["outputs"] and c["execution_count"] is None for c in code), "commit notebooks cleared"
    first = nb["cells"][0]
    assert "parameters" in first["metadata"].get("tags", []) and "NETID" in "".join(first["source"])


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_no_placeholder_text_survives(name):
    text = (ROOT / f"{name}.ipynb").read_text().lower()
    for placeholder in ("your documentation goes here", "your description goes here", "written after the full run",
                        "todo", "narrative_"):
        assert placeholder not in text
